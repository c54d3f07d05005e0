using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kairos.Sdk.Events;

namespace Kairos.Events;

/// <summary>
/// The one JSON shape of an event outside the process: CloudEvents 1.0 structured mode, with the Kairos
/// extension attributes <c>runid</c>, <c>kairosdepth</c> and <c>sequence</c> (0 for live-only events).
/// <code>{"specversion":"1.0","id":"…","type":"fund.nav.updated","source":"funds","time":"2025-01-02T03:04:05.678Z",
///  "subject":"F001","datacontenttype":"application/json","data":{…},"runid":"…","kairosdepth":0,"sequence":42}</code>
/// Optional attributes without a value (<c>subject</c>, <c>data</c> with <c>datacontenttype</c>, <c>runid</c>) are
/// left out, as CloudEvents asks. Output is always one line, so it fits an SSE <c>data:</c> field.
/// </summary>
public static class CloudEventJson
{
    public const string SpecVersion = "1.0";

    /// <summary>A converter for serializer options that must write events (reading accepts the same shape).</summary>
    public static JsonConverter<KairosEvent> Converter { get; } = new CloudEventJsonConverter();

    public static void Write(Utf8JsonWriter writer, KairosEvent evt)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(evt);
        writer.WriteStartObject();
        writer.WriteString("specversion", SpecVersion);
        writer.WriteString("id", evt.Id);
        writer.WriteString("type", evt.Type);
        writer.WriteString("source", evt.Source);
        writer.WriteString("time", evt.Time.UtcDateTime); // a UTC DateTime is written with 'Z'
        if (evt.Subject is not null)
        {
            writer.WriteString("subject", evt.Subject);
        }
        if (evt.Data is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } data)
        {
            writer.WriteString("datacontenttype", "application/json");
            writer.WritePropertyName("data");
            data.WriteTo(writer);
        }
        if (evt.RunId is not null)
        {
            writer.WriteString("runid", evt.RunId);
        }
        writer.WriteNumber("kairosdepth", evt.Depth);
        writer.WriteNumber("sequence", evt.Sequence);
        writer.WriteEndObject();
    }

    /// <summary>The event as compact UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(KairosEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, evt);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The event as compact JSON text.</summary>
    public static string Serialize(KairosEvent evt) => System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(evt));

    /// <summary>Reads an event in the shape <see cref="Write"/> produces.</summary>
    /// <exception cref="JsonException">A required attribute is missing or has the wrong kind.</exception>
    public static KairosEvent Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A CloudEvent must be a JSON object.");
        }
        return new KairosEvent
        {
            Id = RequiredString(element, "id"),
            Type = RequiredString(element, "type"),
            Source = RequiredString(element, "source"),
            Time = element.TryGetProperty("time", out var time) ? time.GetDateTimeOffset() : throw new JsonException("'time' is missing."),
            Subject = OptionalString(element, "subject"),
            Data = element.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null ? data.Clone() : null,
            RunId = OptionalString(element, "runid"),
            Depth = element.TryGetProperty("kairosdepth", out var depth) ? depth.GetInt32() : 0,
            Sequence = element.TryGetProperty("sequence", out var sequence) ? sequence.GetInt64() : 0,
        };
    }

    /// <summary>Parses one event from JSON text.</summary>
    public static KairosEvent Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new JsonException($"'{name}' is missing.");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class CloudEventJsonConverter : JsonConverter<KairosEvent>
    {
        public override KairosEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return CloudEventJson.Read(document.RootElement);
        }

        public override void Write(Utf8JsonWriter writer, KairosEvent value, JsonSerializerOptions options) =>
            CloudEventJson.Write(writer, value);
    }
}
