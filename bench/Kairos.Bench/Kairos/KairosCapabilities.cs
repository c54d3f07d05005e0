using System.Text.Json;
using Kairos.Scheduling;

namespace Kairos.Bench.Kairos;

/// <summary>What Kairos's schedule language can express, probed rather than assumed, so the harness follows it.</summary>
public static class KairosCapabilities
{
    /// <summary>
    /// True when an interval's <c>start_date</c> keeps a fraction of a second, i.e. a job can be placed at k/N s within
    /// the second through the API (an interval's start_date keeps milliseconds; older builds dropped fractions).
    /// </summary>
    public static bool SubSecondStartDate
    {
        get
        {
            var now = new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var json = JsonDocument.Parse("""{"type":"interval","seconds":1,"start_date":"2030-01-01T00:00:00.5Z"}""");
            var parsed = ScheduleParser.Parse(json.RootElement, new ScheduleContext(TimeZoneInfo.Utc, now));
            return parsed.Schedule?.GetFirstFireTime(now) is { } first && first.UtcTicks % TimeSpan.TicksPerSecond != 0;
        }
    }

    public const string WholeSecondReason =
        "not expressible: this Kairos build drops fractions of a second from start_date, so a job cannot be offset by k/N s; see the grid rows";
}
