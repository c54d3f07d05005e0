using Cronos;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>A random time-of-day crontab line, a zone with daylight saving and an instant near one of its 2026 transitions.</summary>
public sealed record DstCase(string Expression, string ZoneId, DateTimeOffset From)
{
    public override string ToString() => $"'{Expression}' in {ZoneId} from {Iso(From)}";
}

public static class DstCaseArbitraries
{
    public static Arbitrary<DstCase> Cases() =>
        (from second in Gen.Frequency((3, Gen.Constant("0")), (1, Field(0, 59)))
         from minute in Field(0, 59)
         from hour in Gen.Frequency((2, Field(0, 23)), (3, Gen.Elements("1", "2", "3", "1-3", "0,2", "*")))
         from zone in Gen.Elements("America/New_York", "Europe/Berlin", "Australia/Sydney")
         from transition in Gen.Choose(0, 1)
         from minutes in Gen.Choose(-36 * 60, 36 * 60)
         select new DstCase($"{second} {minute} {hour} * * *", zone,
             new DateTimeOffset(CronosOracleTests.TransitionDays(Zone(zone), 2026).ElementAt(transition), TimeSpan.Zero).AddMinutes(minutes)))
        .ToArbitrary();

    private static Gen<string> Field(int min, int max) =>
        Gen.OneOf(
            Gen.Constant("*"),
            Gen.Choose(1, max).Select(n => $"*/{n}"),
            Gen.Choose(min, max).Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            from a in Gen.Choose(min, max) from b in Gen.Choose(a, max) select $"{a}-{b}",
            from a in Gen.Choose(min, max - 1) from b in Gen.Choose(a + 1, max) from n in Gen.Choose(1, b - a) select $"{a}-{b}/{n}",
            from a in Gen.Choose(min, max) from b in Gen.Choose(min, max) select $"{a},{b}");
}

/// <summary>Random crontab lines near transitions: Kairos's fires equal Cronos's zone-aware ones (where Cronos is right).</summary>
public class CronosOraclePropertyTests
{
    [Property(MaxTest = 100, Arbitrary = [typeof(DstCaseArbitraries)])]
    public void Fire_times_near_transitions_are_Cronos_fire_times(DstCase testCase)
    {
        var zone = Zone(testCase.ZoneId);
        var cronos = CronExpression.Parse(testCase.Expression, CronFormat.IncludeSeconds);
        var schedule = Parse($$"""{"type":"cron","expression":"{{testCase.Expression}}","timezone":"{{testCase.ZoneId}}"}""");
        // Chained from a fire (or from just before the start), both walk the same set of times.
        var start = cronos.GetNextOccurrence(testCase.From.AddSeconds(-1), zone) is { } s ? s.AddTicks(-1) : testCase.From;
        DateTimeOffset? theirs = cronos.GetNextOccurrence(start, zone), ours = schedule.GetNextFireTime(start);
        for (var i = 0; i < 40 && theirs is not null; i++)
        {
            Assert.Equal(Iso(theirs.Value), ours is { } o ? Iso(o) : "none");
            theirs = cronos.GetNextOccurrence(theirs.Value, zone);
            ours = schedule.GetNextFireTime(ours!.Value);
        }
    }
}
