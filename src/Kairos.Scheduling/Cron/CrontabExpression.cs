using Cronos;

namespace Kairos.Scheduling;

/// <summary>
/// The crontab form <c>{"type":"cron","expression":"30 15 * * 1-5"}</c>: 5 fields, or 6 with seconds first, read
/// exactly as Cronos reads them (0 and 7 are Sunday, names, <c>L</c>, <c>W</c>, <c>#</c>, macros). When both
/// day-of-month and day-of-week are restricted both must match (Cronos's rule; Vixie cron ORs them).
/// </summary>
internal static class CrontabExpression
{
    private const string FormatMessagePrefix = "The given cron expression has an invalid format. ";

    private static readonly Dictionary<string, string> s_macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@every_second"] = "* * * * * *",
        ["@every_minute"] = "* * * * *",
        ["@hourly"] = "0 * * * *",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@weekly"] = "0 0 * * 0",
        ["@monthly"] = "0 0 1 * *",
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
    };

    /// <summary>Parses the expression; returns an error message instead when Cronos refuses it.</summary>
    public static string? TryParse(string text, out CronExpression? expression, out bool intervalLike)
    {
        expression = null;
        intervalLike = false;
        var trimmed = text.Trim(' ', '\t');
        if (trimmed.Length == 0)
        {
            return "must not be empty";
        }
        if (trimmed.Length > 200)
        {
            return "is longer than 200 characters";
        }
        var macro = trimmed.StartsWith('@');
        var fields = (macro && s_macros.TryGetValue(trimmed, out var expanded) ? expanded : trimmed)
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!macro && fields.Length is not (5 or 6))
        {
            return $"'{DateTimeText.Shorten(trimmed)}' has {fields.Length} fields; a cron expression has 5 (minute hour day month day_of_week) or 6 with seconds first";
        }
        try
        {
            expression = CronExpression.Parse(trimmed, fields.Length == 6 && !macro ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            return $"'{DateTimeText.Shorten(trimmed)}' is not a valid cron expression: {ex.Message.Replace(FormatMessagePrefix, "", StringComparison.Ordinal)}";
        }
        catch (MissingSeedException)
        {
            return $"'{DateTimeText.Shorten(trimmed)}' uses H (hashed values), which Kairos does not support; write the value itself";
        }
        // Cronos's interval rule looks at the time-of-day fields: seconds (6-field form), minutes and hours.
        var timeOfDay = fields.Length == 6 ? fields[..3] : fields[..2];
        intervalLike = timeOfDay.Any(field => field.AsSpan().IndexOfAny("*-/?H") >= 0);
        return null;
    }
}
