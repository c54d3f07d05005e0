using System.Text.Json.Nodes;
using Kairos.Engine.Jobs;
using Kairos.Sdk.Events;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>One run to execute: a fire of a job, a retry, an event-triggered run or a manual/ad-hoc run.</summary>
public sealed record RunRequest
{
    public required string RunId { get; init; }
    /// <summary>Null for an ad-hoc execution of a task.</summary>
    public ScheduledJob? Job { get; init; }
    public required string TaskId { get; init; }
    public required RunTrigger Trigger { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public int Attempt { get; init; } = 1;
    public string? RetryOf { get; init; }
    /// <summary>The merged config of the run; null: the job's stored config as it is (a scheduled or event fire).</summary>
    public JsonObject? Config { get; init; }
    public KairosEvent? TriggerEvent { get; init; }
    public required TimeZoneInfo TimeZone { get; init; }
    /// <summary>The instance slot of the job was already taken by whoever submitted the run.</summary>
    public bool SlotTaken { get; init; }
}
