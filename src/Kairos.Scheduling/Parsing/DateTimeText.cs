using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Scheduling;

/// <summary>
/// The date-time strings schedules accept: a wall-clock time in the schedule's zone (<c>2024-12-31</c>,
/// <c>2024-12-31 23:59</c>, <c>2024-12-31 23:59:59</c>, <c>2024-12-31T23:59:59.5</c>) or ISO 8601 with an offset
/// (<c>2024-12-31T23:59:59+08:00</c>, <c>…Z</c>). Fractions of a second are dropped, except where a caller keeps
/// milliseconds (an interval's grid may start within a second).
/// </summary>
internal static partial class DateTimeText
{
    public const string Expected = "use 2024-12-31, 2024-12-31 23:59:59 (wall clock in the schedule's time zone) or ISO 8601 with an offset such as 2024-12-31T23:59:59+08:00";

    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'sszzz";
    private const string FormatWithMilliseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffzzz";

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,](?<fraction>[0-9]{1,9}))?)?(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>
    /// Parses the text; returns an error message (without the field name) when it is not a date-time. A fraction of a
    /// second is dropped, or with <paramref name="keepMilliseconds"/> kept to the millisecond (the precision run
    /// records store instants in, so a fire time read back from a record is the fire time itself).
    /// </summary>
    public static string? TryParse(string text, out DateTime wall, out TimeSpan? offset, bool keepMilliseconds = false)
    {
        wall = default;
        offset = null;
        var trimmed = text.Trim();
        var match = trimmed.Length <= 40 ? Pattern().Match(trimmed) : Match.Empty;
        if (!match.Success)
        {
            return $"'{Shorten(text)}' is not a date-time; {Expected}";
        }
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        int year = Part(1), month = Part(2), day = Part(3), hour = Part(4), minute = Part(5), second = Part(6);
        if (year < 1970 || year > 9998)
        {
            return $"year {year} is outside 1970–9998";
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return $"'{trimmed}' is not a calendar date";
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return $"'{trimmed}' has a time of day outside 00:00:00–23:59:59";
        }
        var milliseconds = 0;
        if (keepMilliseconds && match.Groups["fraction"] is { Success: true } fraction)
        {
            var digits = fraction.Value.Length >= 3 ? fraction.Value[..3] : fraction.Value.PadRight(3, '0');
            milliseconds = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        wall = new DateTime(year, month, day, hour, minute, second, milliseconds, DateTimeKind.Unspecified);
        if (match.Groups[7].Success)
        {
            offset = TimeSpan.Zero;
        }
        else if (match.Groups[8].Success)
        {
            var total = new TimeSpan(Part(9), Part(10), 0);
            if (total > TimeSpan.FromHours(14) || Part(10) > 59)
            {
                return $"the offset in '{trimmed}' is outside -14:00–+14:00";
            }
            offset = match.Groups[8].Value == "-" ? -total : total;
        }
        return null;
    }

    /// <summary>The instant the text means: with its own offset, or as a wall time in the zone (lenient DST rule).</summary>
    public static DateTime ToInstant(DateTime wall, TimeSpan? offset, ZoneTimeline timeline) =>
        offset is { } o
            ? DateTime.SpecifyKind(wall - o, DateTimeKind.Utc)
            : DateTime.SpecifyKind(WallClock.ResolveLenient(wall, timeline), DateTimeKind.Utc);

    /// <summary>ISO 8601 with the offset: <c>2026-03-08T03:00:00-04:00</c> (with <c>.250</c> when there are milliseconds).</summary>
    public static string Write(DateTimeOffset value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? Format : FormatWithMilliseconds, CultureInfo.InvariantCulture);

    /// <summary>User text quoted back in a message, cut to a readable length.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
