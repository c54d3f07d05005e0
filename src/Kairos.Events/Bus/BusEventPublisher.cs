using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Sdk;
using Kairos.Sdk.Events;

namespace Kairos.Events.Bus;

/// <summary>
/// What a task or plugin publishes through: fixed source, run id and chain depth. Data is serialised with
/// <see cref="KairosJson.Current"/>: inside plugin code that is the plugin's own options, so the host's shared
/// options never cache a plugin's types (which would keep an unloaded plugin alive).
/// </summary>
internal sealed class BusEventPublisher(EventBus bus, string source, string? runId, int depth) : IEventPublisher
{
    public Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null, CancellationToken cancellationToken = default)
    {
        JsonElement? element;
        try
        {
            element = data switch
            {
                null => null,
                JsonElement e => e.Clone(),
                JsonNode node => JsonSerializer.SerializeToElement(node, KairosJson.Current),
                _ => JsonSerializer.SerializeToElement(data, data.GetType(), KairosJson.Current),
            };
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new EventValidationException(new Dictionary<string, string[]>
            {
                ["data"] = [$"could not be serialised as JSON: {ex.Message}"],
            });
        }
        if (element is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            element = null;
        }
        // SerializeToElement writes compact JSON, so its raw text is what the log stores.
        var dataJson = element is { } value ? (data is JsonElement ? JsonSerializer.Serialize(value, KairosJson.Options) : value.GetRawText()) : null;
        return bus.EnqueueAsync(type, source, subject, element, dataJson, runId, depth, cancellationToken);
    }
}
