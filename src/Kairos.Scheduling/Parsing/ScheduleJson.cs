using System.Text.Json;

namespace Kairos.Scheduling;

/// <summary>
/// Reads the fields of one schedule object and the fields every type shares (<c>timezone</c>, <c>jitter</c>,
/// <c>start_date</c>/<c>end_date</c>), reporting problems to <see cref="Errors"/>. JSON null counts as absent.
/// </summary>
internal sealed class ScheduleJson
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    public ScheduleJson(JsonElement json, ParseErrors errors)
    {
        Errors = errors;
        foreach (var property in json.EnumerateObject())
        {
            if (!_fields.TryAdd(property.Name, property.Value))
            {
                errors.Add(property.Name, "appears more than once");
            }
        }
    }

    public ParseErrors Errors { get; }

    /// <summary>The names present (including those set to null).</summary>
    public IEnumerable<string> Names => _fields.Keys;

    /// <summary>The value of a field, or null when it is absent or JSON null.</summary>
    public JsonElement? Get(string name) =>
        _fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Has(string name) => Get(name) is not null;

    /// <summary>Reports every field that is not in <paramref name="allowed"/>.</summary>
    public void RejectUnknown(string type, IReadOnlyList<string> allowed)
    {
        foreach (var name in _fields.Keys)
        {
            if (!allowed.Contains(name))
            {
                Errors.Add(name, $"unknown field for a {type} schedule; allowed: {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary><c>timezone</c>: an IANA name; the context's default when absent.</summary>
    public TimeZoneInfo ReadTimeZone(ScheduleContext context)
    {
        if (Get("timezone") is not { } value)
        {
            return context.DefaultTimeZone;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add("timezone", "must be a string naming an IANA time zone, such as Asia/Shanghai");
            return context.DefaultTimeZone;
        }
        var name = value.GetString()!;
        if (IanaTimeZones.TryFind(name) is { } zone)
        {
            return zone;
        }
        Errors.Add("timezone", $"'{DateTimeText.Shorten(name)}' is not a known IANA time zone; use a name such as Asia/Shanghai, Europe/Berlin or UTC");
        return context.DefaultTimeZone;
    }

    /// <summary><c>jitter</c>: a whole number of seconds ≥ 0; zero when absent.</summary>
    public TimeSpan ReadJitter()
    {
        if (Get("jitter") is not { } value)
        {
            return TimeSpan.Zero;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            Errors.Add("jitter", "must be a number of seconds");
            return TimeSpan.Zero;
        }
        if (!value.TryGetDecimal(out var seconds) || seconds != decimal.Truncate(seconds))
        {
            Errors.Add("jitter", $"{value.GetRawText()} is not a whole number of seconds");
            return TimeSpan.Zero;
        }
        if (seconds < 0)
        {
            Errors.Add("jitter", $"{seconds} must not be negative");
            return TimeSpan.Zero;
        }
        if (seconds > int.MaxValue)
        {
            Errors.Add("jitter", $"{seconds} is larger than {int.MaxValue} seconds");
            return TimeSpan.Zero;
        }
        return TimeSpan.FromSeconds((long)seconds);
    }

    /// <summary>A date-time field as a UTC instant (whole seconds, or milliseconds when kept); null when absent or invalid (then reported).</summary>
    public DateTime? ReadDateTime(string name, ZoneTimeline timeline, bool keepMilliseconds = false)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(name, $"must be a string; {DateTimeText.Expected}");
            return null;
        }
        var error = DateTimeText.TryParse(value.GetString()!, out var wall, out var offset, keepMilliseconds);
        if (error is not null)
        {
            Errors.Add(name, error);
            return null;
        }
        return DateTimeText.ToInstant(wall, offset, timeline);
    }

    /// <summary><c>start_date</c> and <c>end_date</c>, with end before start reported.</summary>
    public (DateTime? Start, DateTime? End) ReadDateRange(ZoneTimeline timeline, bool keepMilliseconds = false)
    {
        var start = ReadDateTime("start_date", timeline, keepMilliseconds);
        var end = ReadDateTime("end_date", timeline, keepMilliseconds);
        if (start is { } s && end is { } e && e < s)
        {
            Errors.Add("end_date", $"end_date {DateTimeText.Write(timeline.ToZoned(e))} is before start_date {DateTimeText.Write(timeline.ToZoned(s))}");
        }
        return (start, end);
    }
}
