using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Sdk;

/// <summary>The JSON conventions of Kairos: snake_case names, enums as snake_case strings, decimals exact.</summary>
public static class KairosJson
{
    /// <summary>Shared serializer options (read-only). Plugins that need their own converters copy them.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

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
}
