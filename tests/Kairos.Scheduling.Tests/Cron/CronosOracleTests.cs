using Cronos;
using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>
/// Kairos applies Cronos's daylight-saving rule itself (Cronos's zone-aware calls break in Pacific/Apia); in zones
/// where Cronos is right, the fire times must be exactly Cronos's, from any starting instant.
/// </summary>
public class CronosOracleTests
{
    public static TheoryData<string, string> Cases()
    {
        string[] expressions =
        [
            "30 2 * * *", "0 2 * * *", "30 1 * * *", "0 1 * * *", "0 3 * * *", "59 1 * * *", "0 0 * * *", "0 12 * * *",
            "*/15 * * * *", "0 * * * *", "30 * * * *", "*/30 1 * * *", "0,30 1 * * *", "15 1-2 * * *", "* 2 * * *",
            "5 2/1 * * *", "0 1,2,3 * * *", "0 2 1-31 * *", "0 30 2 * * *", "*/20 30 1 * * *", "0 0-59/15 * * * *",
            "30 1,2 * * 0", "@hourly", "@daily", "45 2 * * *", "0 */2 * * *", "10-20/5 2 * * *", "0 0 2 ? * *",
        ];
        string[] zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney"];
        var data = new TheoryData<string, string>();
        foreach (var zone in zones)
        {
            foreach (var expression in expressions)
            {
                data.Add(zone, expression);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Crontab_form_matches_Cronos_across_both_transitions_of_2026(string zoneId, string expression)
    {
        var zone = Zone(zoneId);
        var schedule = Parse($$"""{"type":"cron","expression":"{{expression}}","timezone":"{{zoneId}}"}""");
        var cronos = CronExpression.Parse(expression, expression.Split(' ').Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        foreach (var day in TransitionDays(zone, 2026))
        {
            // From every 10 minutes across the transition day and its neighbours (inside gaps and overlaps too).
            var start = new DateTimeOffset(day.AddDays(-1), TimeSpan.Zero);
            for (var from = start; from < start.AddDays(3); from = from.AddMinutes(10))
            {
                var expected = cronos.GetNextOccurrence(from, zone, inclusive: true);
                var actual = schedule.GetFirstFireTime(from);
                if (IsGapEnd(zone, from) && actual == from && cronos.GetNextOccurrence(from.AddTicks(-1), zone, inclusive: true) == from)
                {
                    // The one deliberate difference: a fire moved to a gap's end is "at or after" that very instant.
                    // Cronos, asked from there, looks at wall times from 03:00 on and no longer sees the 02:30 match.
                    continue;
                }
                Assert.True(Same(expected, actual), $"{expression} in {zoneId} from {Iso(from)}: Cronos {Show(expected)}, Kairos {Show(actual)}");
            }
            // And chained fire to fire.
            DateTimeOffset? ours = schedule.GetFirstFireTime(start), theirs = cronos.GetNextOccurrence(start, zone, inclusive: true);
            for (var i = 0; i < 200 && theirs is not null; i++)
            {
                Assert.True(Same(theirs, ours), $"{expression} in {zoneId}, fire {i}: Cronos {Show(theirs)}, Kairos {Show(ours)}");
                ours = schedule.GetNextFireTime(ours!.Value);
                theirs = cronos.GetNextOccurrence(theirs.Value, zone);
            }
        }
    }

    private static bool IsGapEnd(TimeZoneInfo zone, DateTimeOffset instant) =>
        zone.GetUtcOffset(instant) > zone.GetUtcOffset(instant.AddSeconds(-1));

    [Theory]
    [InlineData("""{"hour":2,"minute":30}""", "30 2 * * *")]
    [InlineData("""{"hour":1,"minute":30}""", "30 1 * * *")]
    [InlineData("""{"minute":30}""", "30 * * * *")]
    [InlineData("""{"minute":"*/15"}""", "*/15 * * * *")]
    [InlineData("""{"hour":1,"minute":"0,30"}""", "0,30 1 * * *")]
    [InlineData("""{"hour":"1-2","minute":15}""", "15 1-2 * * *")]
    [InlineData("""{"hour":2,"minute":"*"}""", "* 2 * * *")]
    [InlineData("""{"hour":"*/2"}""", "0 */2 * * *")]
    [InlineData("""{"hour":2,"minute":30,"second":"*/20"}""", "*/20 30 2 * * *")]
    [InlineData("""{"day_of_week":"sun","hour":"1,2","minute":30}""", "30 1,2 * * 0")]
    public void Field_form_matches_Cronos_across_both_transitions_of_2026(string fields, string expression)
    {
        foreach (var zoneId in new[] { "America/New_York", "Europe/Berlin", "Australia/Sydney" })
        {
            var zone = Zone(zoneId);
            var schedule = Parse(fields.Replace("{", $$"""{"type":"cron","timezone":"{{zoneId}}",""", StringComparison.Ordinal));
            var cronos = CronExpression.Parse(expression, expression.Split(' ').Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            foreach (var day in TransitionDays(zone, 2026))
            {
                var start = new DateTimeOffset(day.AddDays(-1), TimeSpan.Zero);
                DateTimeOffset? ours = schedule.GetFirstFireTime(start), theirs = cronos.GetNextOccurrence(start, zone, inclusive: true);
                for (var i = 0; i < 300 && theirs is not null; i++)
                {
                    Assert.True(Same(theirs, ours), $"{fields} in {zoneId}, fire {i}: Cronos {Show(theirs)}, Kairos {Show(ours)}");
                    ours = schedule.GetNextFireTime(ours!.Value);
                    theirs = cronos.GetNextOccurrence(theirs.Value, zone);
                }
            }
        }
    }

    /// <summary>The UTC dates on which the zone changes its offset in <paramref name="year"/>.</summary>
    internal static IEnumerable<DateTime> TransitionDays(TimeZoneInfo zone, int year)
    {
        var previous = zone.GetUtcOffset(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        for (var t = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc); t.Year == year; t = t.AddHours(1))
        {
            var offset = zone.GetUtcOffset(t);
            if (offset != previous)
            {
                yield return t.Date;
                previous = offset;
            }
        }
    }

    private static bool Same(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b is null : b is not null && a.Value.UtcTicks == b.Value.UtcTicks && a.Value.Offset == b.Value.Offset;

    private static string Show(DateTimeOffset? value) => value is { } v ? Iso(v) : "none";
}
