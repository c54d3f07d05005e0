using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kairos.Scheduling;

/// <summary>Reads and validates an <c>event</c> schedule object.</summary>
internal static partial class EventScheduleParser
{
    private static readonly string[] s_allowed = ["type", "event_type", "filter", "timezone"];

    [GeneratedRegex(@"^(?:[A-Za-z0-9_-]+|\*|#)(?:\.(?:[A-Za-z0-9_-]+|\*|#))*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypePattern();

    public static EventSchedule? Parse(ScheduleJson json, ScheduleContext context)
    {
        var errors = json.Errors;
        json.RejectUnknown("event", s_allowed);
        var zone = json.ReadTimeZone(context);
        string? eventType = null;
        if (json.Get("event_type") is not { } type)
        {
            errors.Add("event_type", "is required: the event type to run on, such as fund.nav.updated (* matches one segment, # any number)");
        }
        else if (type.ValueKind != JsonValueKind.String)
        {
            errors.Add("event_type", "must be a string such as fund.nav.updated");
        }
        else if (type.GetString() is var text && (text!.Length > 255 || !EventTypePattern().IsMatch(text)))
        {
            errors.Add("event_type", $"'{DateTimeText.Shorten(text)}' is not an event type: use dotted segments of letters, digits, _ or -, such as fund.nav.updated, with * for one segment and # for any number");
        }
        else
        {
            eventType = text;
        }
        string? filter = null;
        if (json.Get("filter") is { } filterValue)
        {
            if (filterValue.ValueKind != JsonValueKind.String)
            {
                errors.Add("filter", "must be a string: a condition over the event, such as event.data.fund_code == '000001'");
            }
            else
            {
                filter = filterValue.GetString();
            }
        }
        return errors.HasErrors || eventType is null ? null : new EventSchedule(zone, eventType, filter);
    }
}
