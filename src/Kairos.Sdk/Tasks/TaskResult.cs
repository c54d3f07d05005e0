using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Sdk.Tasks;

/// <summary>What a task returns: success with optional data, or failure with an error.</summary>
public sealed class TaskResult
{
    private TaskResult(bool succeeded, JsonNode? data, string? error, string? errorType)
    {
        Succeeded = succeeded;
        Data = data;
        Error = error;
        ErrorType = errorType;
    }

    /// <summary>True when the task did its work.</summary>
    public bool Succeeded { get; }

    /// <summary>The result data stored with the run (JSON; capped at 256 KiB by the host).</summary>
    public JsonNode? Data { get; }

    /// <summary>The failure message, when the task failed.</summary>
    public string? Error { get; }

    /// <summary>A short classification of the failure (e.g. <c>ConfigurationError</c>), when the task failed.</summary>
    public string? ErrorType { get; }

    /// <summary>
    /// A successful result; <paramref name="data"/> is serialised to JSON at once (snake_case names), with the
    /// options of the running plugin (<see cref="KairosJson.Current"/>), so no plugin type outlives the run.
    /// </summary>
    public static TaskResult Success(object? data = null) => new(true, ToJson(data), null, null);

    /// <summary>A failed result with a message and optional data (e.g. which items failed).</summary>
    public static TaskResult Failure(string error, object? data = null, string? errorType = null) =>
        new(false, ToJson(data), error, errorType ?? "TaskFailed");

    private static JsonNode? ToJson(object? data) =>
        data is null ? null : data as JsonNode ?? JsonSerializer.SerializeToNode(data, data.GetType(), KairosJson.Current);
}
