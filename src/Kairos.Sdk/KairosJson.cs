using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Sdk;

/// <summary>The JSON conventions of Kairos: snake_case names, enums as snake_case strings, decimals exact.</summary>
public static class KairosJson
{
    // The options of the plugin whose code runs in this async flow. Plugin types must never be cached by the
    // static Options (that would keep an unloaded plugin's load context alive), so the host sets this while it
    // runs plugin code and SDK helpers (TaskResult, TaskContext.GetConfig, KairosEvent.GetData) follow it.
    private static readonly AsyncLocal<JsonSerializerOptions?> Ambient = new();

    /// <summary>
    /// Shared serializer options (read-only), for host types only. Plugin code uses <see cref="Current"/> (or
    /// its plugin's own options), so that the shared options never cache a plugin's types.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// The options of the code running now: inside a plugin (a task run, an event handler, an endpoint) the
    /// plugin's own options, which are discarded when the plugin is unloaded; elsewhere <see cref="Options"/>.
    /// </summary>
    public static JsonSerializerOptions Current => Ambient.Value ?? Options;

    /// <summary>
    /// Makes <paramref name="options"/> the <see cref="Current"/> options of this async flow until the returned
    /// scope is disposed. Called by the host around plugin code; plugins have no need to call it.
    /// </summary>
    public static IDisposable UseOptions(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = Ambient.Value;
        Ambient.Value = options;
        return new AmbientScope(previous);
    }

    /// <summary>Creates a fresh, mutable copy of the Kairos serializer options.</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class AmbientScope(JsonSerializerOptions? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
