using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Sdk.Events;

namespace Kairos.Plugins.Runtime;

/// <summary>
/// Publishes for a plugin: the data is turned into JSON here, with the plugin's own options, so the host's
/// bus only ever sees a <see cref="JsonElement"/> and its shared serializer never caches a plugin type.
/// </summary>
internal sealed class PluginEventPublisher(IEventPublisher inner, JsonSerializerOptions options) : IEventPublisher
{
    public Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null, CancellationToken cancellationToken = default)
    {
        object? json = data switch
        {
            null => null,
            JsonElement element => element,
            JsonNode node => JsonSerializer.SerializeToElement(node, options),
            _ => JsonSerializer.SerializeToElement(data, data.GetType(), options),
        };
        return inner.PublishAsync(type, json, subject, cancellationToken);
    }
}
