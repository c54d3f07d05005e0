using System.Globalization;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>
/// A test-only model of APScheduler 3's field form, sharing no code with the library: each generated field carries
/// its own predicate, and this scanner walks the clock minute by minute (skipping whole days the date fields rule out).
/// Only for zones without daylight saving.
/// </summary>
internal static class BruteForceCronScanner
{
    public static readonly string[] FieldOrder = ["year", "month", "day", "week", "day_of_week", "hour", "minute"];

    private static readonly Dictionary<string, string> s_defaults = new()
    {
        ["year"] = "*", ["month"] = "1", ["day"] = "1", ["week"] = "*", ["day_of_week"] = "*", ["hour"] = "0", ["minute"] = "0",
    };

    /// <summary>The fire times in [from, to] (whole minutes; the second field is always 0), at most <paramref name="max"/>.</summary>
    public static List<DateTimeOffset> Scan(IReadOnlyDictionary<string, GeneratedField> given, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to, int max)
    {
        var predicates = Fill(given);
        var offset = zone.BaseUtcOffset;
        var fires = new List<DateTimeOffset>();
        var firstMinute = from.ToOffset(offset);
        if (firstMinute.Second != 0 || firstMinute.Millisecond != 0)
        {
            firstMinute = firstMinute.AddTicks(-(firstMinute.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(1);
        }
        var lastMinute = to.ToOffset(offset);
        for (var day = firstMinute.Date; day <= lastMinute.Date && fires.Count < max; day = day.AddDays(1))
        {
            if (!DateMatches(predicates, day))
            {
                continue;
            }
            for (var minuteOfDay = 0; minuteOfDay < 1440 && fires.Count < max; minuteOfDay++)
            {
                var local = new DateTimeOffset(day.AddMinutes(minuteOfDay), offset);
                if (local < firstMinute || local > lastMinute)
                {
                    continue;
                }
                if (predicates["hour"](local.Hour, day) && predicates["minute"](local.Minute, day))
                {
                    fires.Add(local);
                }
            }
        }
        return fires;
    }

    private static bool DateMatches(Dictionary<string, Func<int, DateTime, bool>> p, DateTime day) =>
        p["year"](day.Year, day)
        && p["month"](day.Month, day)
        && p["day"](day.Day, day)
        && p["week"](ISOWeek.GetWeekOfYear(day), day)
        && p["day_of_week"](day.DayOfWeek == DayOfWeek.Sunday ? 6 : (int)day.DayOfWeek - 1, day);

    /// <summary>APScheduler's defaults: after the smallest given field, minimums; everywhere else, every value.</summary>
    private static Dictionary<string, Func<int, DateTime, bool>> Fill(IReadOnlyDictionary<string, GeneratedField> given)
    {
        var result = new Dictionary<string, Func<int, DateTime, bool>>();
        var smallest = FieldOrder.Select((name, index) => (name, index)).Where(x => given.ContainsKey(x.name)).Max(x => x.index);
        for (var i = 0; i < FieldOrder.Length; i++)
        {
            var name = FieldOrder[i];
            if (given.TryGetValue(name, out var field))
            {
                result[name] = field.Matches;
            }
            else if (i > smallest && s_defaults[name] != "*")
            {
                var only = int.Parse(s_defaults[name], CultureInfo.InvariantCulture);
                result[name] = (value, _) => value == only;
            }
            else
            {
                result[name] = (_, _) => true;
            }
        }
        return result;
    }
}

/// <summary>One generated field: the text sent to Kairos and the meaning the test expects.</summary>
public sealed record GeneratedField(string Text, bool AsNumber, Func<int, DateTime, bool> Matches);
