using System.Globalization;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>
/// Flex dates and times follow each query's format settings: dates <c>yyyyMMdd</c> (default), <c>yyyy-MM-dd</c>,
/// <c>MM/dd/yyyy</c>, <c>MM/dd/yy</c>, <c>dd-MMM-yy</c>; times <c>HHmmss</c> (default) or <c>HH:mm:ss</c>; a
/// date/time separator of <c>;</c> (default), <c>,</c>, a space or none. All of them are accepted.
/// </summary>
public static class FlexDates
{
    private static readonly string[] DateFormats = ["yyyyMMdd", "yyyy-MM-dd", "MM/dd/yyyy", "MM/dd/yy", "dd-MMM-yy"];
    private static readonly string[] TimeFormats = ["HHmmss", "HH:mm:ss"];
    private static readonly string[] Separators = ["';'", "','", "' '", ""];

    private static readonly string[] DateTimeFormats =
        [.. DateFormats.SelectMany(d => Separators.SelectMany(s => TimeFormats.Select(t => d + s + t)))];

    /// <summary>Parses a Flex date; empty gives null.</summary>
    /// <exception cref="FormatException">None of the Flex date formats matches.</exception>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        // A date-time where a date is expected (some fields carry both): keep the date.
        return ParseDateTime(trimmed) is { } dateTime ? DateOnly.FromDateTime(dateTime) : null;
    }

    /// <summary>
    /// Parses a Flex date-time (a bare date gives midnight); empty gives null. Flex does not state a time zone, so the
    /// result is unspecified-kind local statement time.
    /// </summary>
    /// <exception cref="FormatException">None of the Flex formats matches.</exception>
    public static DateTime? ParseDateTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        // AllowWhiteSpaces: some statements put a space after the separator ("2024-06-03, 04:10:02").
        if (DateTime.TryParseExact(trimmed, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dateTime))
        {
            return dateTime;
        }
        if (DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToDateTime(TimeOnly.MinValue);
        }
        throw new FormatException($"'{trimmed}' is not a Flex date or date-time (expected e.g. 20240531, 2024-05-31, 05/31/2024, 05/31/24, 31-May-24, optionally followed by a time).");
    }
}
