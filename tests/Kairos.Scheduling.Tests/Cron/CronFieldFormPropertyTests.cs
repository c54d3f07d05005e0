using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>A random field-form schedule, the zone and the instant to start from.</summary>
public sealed record FieldFormCase(IReadOnlyDictionary<string, GeneratedField> Fields, string ZoneId, DateTimeOffset From)
{
    internal string Json => JsonSerializer.Serialize(
        Fields.ToDictionary(f => f.Key, f => f.Value.AsNumber ? (object)int.Parse(f.Value.Text, CultureInfo.InvariantCulture) : f.Value.Text)
            .Prepend(new KeyValuePair<string, object>("timezone", ZoneId))
            .Prepend(new KeyValuePair<string, object>("type", "cron"))
            .ToDictionary());

    public override string ToString() => $"{Json} from {Iso(From)}";
}

/// <summary>Generators for <see cref="FieldFormCase"/>: every syntax of APScheduler's fields, valid by construction.</summary>
public static class FieldFormArbitraries
{
    private static readonly string[] s_months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] s_weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static Arbitrary<FieldFormCase> Cases() => Case().ToArbitrary();

    private static Gen<FieldFormCase> Case() =>
        from fields in Fields()
        from zone in Gen.Elements("Asia/Shanghai", "UTC")
        from minutes in Gen.Choose(0, 365 * 24 * 60)
        from seconds in Gen.Elements(0, 0, 0, 30)
        select new FieldFormCase(fields, zone,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes).AddSeconds(seconds));

    private static Gen<IReadOnlyDictionary<string, GeneratedField>> Fields() =>
        from year in Maybe(1, Year())
        from month in Maybe(3, Numeric(1, 12, s_months))
        from day in Maybe(3, Day())
        from week in Maybe(1, Numeric(1, 53, null))
        from weekday in Maybe(3, Numeric(0, 6, s_weekdays))
        from hour in Maybe(5, Numeric(0, 23, null))
        from minute in Maybe(5, Numeric(0, 59, null))
        let all = new Dictionary<string, GeneratedField?>
        {
            ["year"] = year, ["month"] = month, ["day"] = day, ["week"] = week,
            ["day_of_week"] = weekday, ["hour"] = hour, ["minute"] = minute,
        }
        where all.Values.Any(v => v is not null)
        select (IReadOnlyDictionary<string, GeneratedField>)all.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    /// <summary>The field with probability weight/8, else absent.</summary>
    private static Gen<GeneratedField?> Maybe(int weight, Gen<GeneratedField> field) =>
        Gen.Frequency((weight, field.Select(f => (GeneratedField?)f)), (8 - weight, Gen.Constant((GeneratedField?)null)));

    private static Gen<GeneratedField> Year() => Gen.OneOf(
        Gen.Choose(2025, 2028).Select(y => Single(y)),
        Gen.Constant(new GeneratedField("2026-2027", false, (v, _) => v is >= 2026 and <= 2027)),
        Gen.Constant(new GeneratedField("*/2", false, (v, _) => (v - 1970) % 2 == 0)),
        Gen.Constant(new GeneratedField("2027,2025", false, (v, _) => v is 2027 or 2025)));

    private static GeneratedField Single(int value) => new(value.ToString(CultureInfo.InvariantCulture), true, (v, _) => v == value);

    /// <summary>A list of one to three elements of a numeric field (names for month and day_of_week).</summary>
    private static Gen<GeneratedField> Numeric(int min, int max, string[]? names) =>
        Gen.Frequency((3, Element(min, max, names)), (1, Element(min, max, names).ListOf(2).Select(Join)), (1, Element(min, max, names).ListOf(3).Select(Join)));

    private static Gen<GeneratedField> Day() =>
        Gen.Frequency(
            (4, Numeric(1, 31, null)),
            (1, Gen.Constant(new GeneratedField("last", false, (_, d) => d.Day == DateTime.DaysInMonth(d.Year, d.Month)))),
            (2, NthWeekday()),
            (1, Gen.Zip(NthWeekday(), Element(1, 31, null)).Select(pair => Join([pair.Item1, pair.Item2]))),
            (1, Gen.Zip(Element(1, 31, null), Gen.Constant(new GeneratedField("LAST", false, (_, d) => d.Day == DateTime.DaysInMonth(d.Year, d.Month))))
                .Select(pair => Join([pair.Item1, pair.Item2]))));

    private static Gen<GeneratedField> NthWeekday() =>
        from nth in Gen.Choose(0, 5)
        from weekday in Gen.Choose(0, 6)
        let label = nth == 0 ? "last" : new[] { "1st", "2nd", "3rd", "4th", "5th" }[nth - 1]
        select new GeneratedField($"{label} {s_weekdays[weekday]}", false, (_, d) =>
            (d.DayOfWeek == DayOfWeek.Sunday ? 6 : (int)d.DayOfWeek - 1) == weekday
            && (nth == 0 ? d.AddDays(7).Month != d.Month : (d.Day + 6) / 7 == nth));

    private static Gen<GeneratedField> Element(int min, int max, string[]? names)
    {
        string Name(int v, bool useName) => useName && names is not null ? names[v - min] : v.ToString(CultureInfo.InvariantCulture);
        var value = Gen.Choose(min, max);
        var useNames = names is null ? Gen.Constant(false) : Gen.Elements(false, true);
        return Gen.OneOf(
            Gen.Constant(new GeneratedField("*", false, (_, _) => true)),
            Gen.Choose(1, max - min).Select(n => new GeneratedField($"*/{n}", false, (v, _) => (v - min) % n == 0)),
            value.Select(a => new GeneratedField(a.ToString(CultureInfo.InvariantCulture), true, (v, _) => v == a)),
            from a in value from b in Gen.Choose(a, max) from named in useNames
            select new GeneratedField($"{Name(a, named)}-{Name(b, named)}", false, (v, _) => v >= a && v <= b),
            from a in Gen.Choose(min, max - 1) from b in Gen.Choose(a + 1, max) from n in Gen.Choose(1, b - a) from named in useNames
            select new GeneratedField($"{Name(a, named)}-{Name(b, named)}/{n}", false, (v, _) => v >= a && v <= b && (v - a) % n == 0),
            from a in Gen.Choose(min, max - 1) from n in Gen.Choose(1, max - a)
            select new GeneratedField($"{a}/{n}", false, (v, _) => v >= a && (v - a) % n == 0));
    }

    private static GeneratedField Join(IEnumerable<GeneratedField> parts)
    {
        var list = parts.ToList();
        return new GeneratedField(string.Join(",", list.Select(p => p.Text)), false, (v, d) => list.Any(p => p.Matches(v, d)));
    }
}

/// <summary>The field form against a brute-force scan of the clock that shares no code with the Cronos translation.</summary>
public class CronFieldFormPropertyTests
{
    [Property(MaxTest = 200, Arbitrary = [typeof(FieldFormArbitraries)])]
    public void Field_form_fires_exactly_when_a_minute_by_minute_scan_says(FieldFormCase testCase)
    {
        var schedule = Parse(testCase.Json);
        var zone = Zone(testCase.ZoneId);
        var horizon = testCase.From.AddYears(2);
        const int max = 40;

        var expected = BruteForceCronScanner.Scan(testCase.Fields, zone, testCase.From, horizon, max).Select(Iso).ToList();
        var actual = new List<string>();
        for (var fire = schedule.GetFirstFireTime(testCase.From); fire is { } f && f <= horizon && actual.Count < max; fire = schedule.GetNextFireTime(f))
        {
            actual.Add(Iso(f));
        }
        Assert.Equal(expected, actual);
    }
}
