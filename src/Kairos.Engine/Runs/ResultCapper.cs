using System.Text.Json.Nodes;

namespace Kairos.Engine.Runs;

/// <summary>Caps a task's result at 256 KiB, noting the cut.</summary>
internal static class ResultCapper
{
    public const int MaxBytes = 256 * 1024;

    public static (string? Json, string? Truncation) Cap(JsonNode? data)
    {
        if (data is null)
        {
            return (null, null);
        }
        var json = data.ToJsonString();
        if (json.Length <= MaxBytes / 4 || System.Text.Encoding.UTF8.GetByteCount(json) <= MaxBytes)
        {
            return (json, null);
        }
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        var replacement = new JsonObject { ["truncated"] = true, ["original_bytes"] = size };
        return (replacement.ToJsonString(), $"result truncated: {size} bytes exceed the {MaxBytes / 1024} KiB cap");
    }
}
