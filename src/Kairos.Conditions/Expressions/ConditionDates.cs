using System.Globalization;

namespace Kairos.Conditions.Expressions;

/// <summary>The date texts <c>date('...')</c> accepts: ISO dates, optionally with a clock time in the job's zone.</summary>
internal static class ConditionDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss",
    ];

    public static DateTime? Parse(string text) =>
        DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;
}
