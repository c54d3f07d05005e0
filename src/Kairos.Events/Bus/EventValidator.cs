using System.Text;
using Kairos.Storage.Events;

namespace Kairos.Events.Bus;

/// <summary>The rules an event must pass before it is written or dispatched; one error list per field.</summary>
internal static class EventValidator
{
    public const int MaxSourceLength = 255;
    public const int MaxSubjectLength = 255;

    public static void ThrowIfInvalid(string? type, string? source, string? subject, string? dataJson, int maxDataBytes)
    {
        Dictionary<string, string[]>? errors = null;
        if (!TopicPattern.IsValidType(type))
        {
            Add(ref errors, "type", string.IsNullOrEmpty(type)
                ? "is required"
                : $"'{type}' is not a valid event type: use dotted segments of letters, digits, '_' or '-', at most 255 characters, e.g. fund.nav.updated");
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            Add(ref errors, "source", "is required (a plugin id, 'kairos' or 'external')");
        }
        else if (source.Length > MaxSourceLength)
        {
            Add(ref errors, "source", $"must be at most {MaxSourceLength} characters");
        }
        if (subject is { Length: > MaxSubjectLength })
        {
            Add(ref errors, "subject", $"must be at most {MaxSubjectLength} characters");
        }
        if (dataJson is not null && !FitsIn(dataJson, maxDataBytes))
        {
            Add(ref errors, "data", $"must be at most {maxDataBytes} bytes of JSON (UTF-8); it is {Encoding.UTF8.GetByteCount(dataJson)}");
        }
        if (errors is not null)
        {
            throw new EventValidationException(errors);
        }
    }

    /// <summary>A UTF-8 char takes at most 3 bytes per UTF-16 unit, so short texts need no count.</summary>
    private static bool FitsIn(string json, int maxBytes) =>
        (long)json.Length * 3 <= maxBytes || Encoding.UTF8.GetByteCount(json) <= maxBytes;

    public static void Add(ref Dictionary<string, string[]>? errors, string field, string message)
    {
        errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
    }
}
