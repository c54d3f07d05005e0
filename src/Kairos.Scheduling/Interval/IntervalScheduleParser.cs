using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>Reads and validates an <c>interval</c> schedule object.</summary>
internal static class IntervalScheduleParser
{
    private static readonly (string Name, decimal Seconds)[] s_units =
        [("weeks", 604_800m), ("days", 86_400m), ("hours", 3_600m), ("minutes", 60m), ("seconds", 1m)];

    private static readonly string[] s_allowed = ["type", .. s_units.Select(u => u.Name), "start_date", "end_date", "timezone", "jitter"];

    /// <summary>About a century: long enough for any real interval, short enough that the grid arithmetic cannot overflow.</summary>
    private const decimal MaxSeconds = 100m * 365.25m * 86_400m;

    public static IntervalSchedule? Parse(ScheduleJson json, ScheduleContext context)
    {
        var errors = json.Errors;
        json.RejectUnknown("interval", s_allowed);
        var zone = json.ReadTimeZone(context);
        var timeline = ZoneTimeline.For(zone);
        var jitter = json.ReadJitter();
        // Elapsed-time grids may start within a second (job k of N at k/N s spreads load over the second).
        var (start, end) = json.ReadDateRange(timeline, keepMilliseconds: true);

        var definition = new List<(string Name, string Number)>(1);
        var total = 0m;
        var componentsValid = true;
        foreach (var (name, unitSeconds) in s_units)
        {
            if (json.Get(name) is not { } value)
            {
                continue;
            }
            if (value.ValueKind != JsonValueKind.Number)
            {
                errors.Add(name, "must be a number");
                componentsValid = false;
            }
            else if (!value.TryGetDecimal(out var amount) || amount > 1_000_000_000m)
            {
                errors.Add(name, $"{DateTimeText.Shorten(value.GetRawText())} is too large");
                componentsValid = false;
            }
            else if (amount < 0)
            {
                errors.Add(name, $"{amount.ToString(CultureInfo.InvariantCulture)} must not be negative");
                componentsValid = false;
            }
            else
            {
                total += amount * unitSeconds;
                definition.Add((name, value.GetRawText()));
            }
        }
        if (componentsValid)
        {
            if (total == 0)
            {
                errors.Add("", "an interval needs a length: set at least one of weeks, days, hours, minutes or seconds above 0");
            }
            else if (total != decimal.Truncate(total))
            {
                errors.Add("", $"the interval must add up to whole seconds; it is {total.ToString(CultureInfo.InvariantCulture)} s");
            }
            else if (total > MaxSeconds)
            {
                errors.Add("", "the interval must not be longer than 100 years");
            }
        }
        if (errors.HasErrors)
        {
            return null;
        }
        var interval = TimeSpan.FromSeconds((long)total);
        // APScheduler's rule: without start_date the grid starts one interval after the creation time (whole seconds).
        var anchor = start ?? Min(TimeDomain.FloorToSecond(TimeDomain.ClampedUtc(context.Now)) + interval, TimeDomain.Max);
        return new IntervalSchedule(zone, jitter, interval, anchor, end, SharedComponents(definition));
    }

    // Most interval jobs are written alike ("seconds": 1, "hours": 1): schedules with the same components share one
    // array. The cache is small and stops growing when full, so odd intervals just get their own array.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Name, string Number)[]> s_components = new(StringComparer.Ordinal);
    private const int MaxSharedComponents = 256;

    private static (string Name, string Number)[] SharedComponents(List<(string Name, string Number)> components)
    {
        var key = string.Join(',', components.Select(c => c.Name + "=" + c.Number));
        if (s_components.TryGetValue(key, out var shared))
        {
            return shared;
        }
        var built = components.ToArray();
        return s_components.Count < MaxSharedComponents ? s_components.GetOrAdd(key, built) : built;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
