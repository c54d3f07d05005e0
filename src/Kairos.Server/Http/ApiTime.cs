using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Server.Http;

/// <summary>How instants cross the API: ISO 8601 with an explicit offset, in both directions.</summary>
public static partial class ApiTime
{
    /// <summary>The message for an instant that does not parse, naming the expected shape.</summary>
    public const string ExpectedShape = "must be an ISO 8601 date and time with an offset, such as 2026-03-08T01:00:00-05:00 or 2026-03-08T06:00:00Z";

    /// <summary>Whole seconds with the instant's own offset: <c>2026-03-08T03:00:00-04:00</c> (fire times, <c>next_run_time</c>).</summary>
    public static string FormatWithOffset(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an instant that names its offset (<c>Z</c> or <c>±hh:mm</c>); a time without one is refused rather
    /// than guessed, because "01:00" means different instants in different zones.
    /// </summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
            && InstantShape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>An instant in UTC with <c>Z</c> (every instant of the API except zone-local fire times), or null.</summary>
    public static string? Utc(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant with the offset in force in <paramref name="zone"/> (<c>next_run_time</c>), or null.</summary>
    public static string? InZone(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } value ? FormatWithOffset(TimeZoneInfo.ConvertTime(value, zone)) : null;

    /// <summary>Rounds up to the next whole second (unchanged when already whole).</summary>
    public static DateTimeOffset CeilingToSecond(DateTimeOffset instant)
    {
        var fraction = instant.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerSecond - fraction);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantShape();
}
