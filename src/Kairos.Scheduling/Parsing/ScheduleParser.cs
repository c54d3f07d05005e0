using System.Text.Json;

namespace Kairos.Scheduling;

/// <summary>
/// Parses and validates a schedule object (<c>{"type":"cron","hour":3}</c>, <c>interval</c>, <c>date</c>, <c>event</c>).
/// Every problem is reported, keyed by its JSON path; no input makes it throw.
/// </summary>
public static class ScheduleParser
{
    /// <summary>The schedule types, in the order messages list them.</summary>
    public static IReadOnlyList<string> Types { get; } = ["cron", "interval", "date", "event"];

    /// <summary>
    /// Parses <paramref name="json"/>. Errors are keyed by <paramref name="fieldPrefix"/> and the field:
    /// <c>{"schedule.hour": ["25 is outside 0–23"]}</c>; problems with the object as a whole use the prefix alone.
    /// </summary>
    public static ScheduleParseResult Parse(JsonElement json, ScheduleContext context, string fieldPrefix = "schedule")
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ParseErrors(fieldPrefix ?? "");
        Schedule? schedule = null;
        try
        {
            schedule = ParseObject(json, context, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug must surface as a validation message (HTTP 400), never as a 500.
            errors.Add("", $"could not be read: {ex.Message}");
        }
        if (schedule is null && !errors.HasErrors)
        {
            errors.Add("", "could not be read"); // defensive: a parser refused without saying why
        }
        return new ScheduleParseResult(schedule, errors.ToDictionary());
    }

    /// <summary>The zone with this IANA name (such as <c>Asia/Shanghai</c>), or null. Windows zone ids are refused.</summary>
    public static TimeZoneInfo? TryFindTimeZone(string ianaName) => IanaTimeZones.TryFind(ianaName);

    private static Schedule? ParseObject(JsonElement json, ScheduleContext context, ParseErrors errors)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add("", json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? "is required: a schedule object such as {\"type\":\"cron\",\"hour\":3}"
                : "must be a JSON object such as {\"type\":\"cron\",\"hour\":3}");
            return null;
        }
        var reader = new ScheduleJson(json, errors);
        if (reader.Get("type") is not { } typeValue)
        {
            errors.Add("type", $"is required: one of {string.Join(", ", Types)}");
            return null;
        }
        var type = typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString()! : null;
        return type switch
        {
            "cron" => CronScheduleParser.Parse(reader, context),
            "interval" => IntervalScheduleParser.Parse(reader, context),
            "date" => DateScheduleParser.Parse(reader, context),
            "event" => EventScheduleParser.Parse(reader, context),
            null => Refuse(errors, "type", $"must be a string: one of {string.Join(", ", Types)}"),
            _ => Refuse(errors, "type", $"'{DateTimeText.Shorten(type)}' is not a schedule type; use one of {string.Join(", ", Types)}"),
        };
    }

    private static Schedule? Refuse(ParseErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }
}
