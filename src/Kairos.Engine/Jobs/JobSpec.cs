using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Engine.Jobs;

/// <summary>A job as a client describes it (the API body), before validation against schedules, tasks and conditions.</summary>
public sealed record JobSpec
{
    public required string JobId { get; init; }
    public required string Name { get; init; }
    public required string TaskId { get; init; }
    /// <summary>The schedule object as given.</summary>
    public required JsonElement Schedule { get; init; }
    public JsonObject Config { get; init; } = [];
    public JobOptions Options { get; init; } = new();
}
