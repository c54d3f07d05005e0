namespace Kairos.Storage.Runs;

/// <summary>One fire of a job, or one manual/ad-hoc execution of a task.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }
    /// <summary>Null for an ad-hoc execution of a task.</summary>
    public string? JobId { get; init; }
    public required string TaskId { get; init; }
    public required RunTrigger Trigger { get; init; }
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long? DurationMs { get; init; }
    public int Attempt { get; init; } = 1;
    /// <summary>The run id of the first attempt when this run is a retry.</summary>
    public string? RetryOf { get; init; }
    public required RunStatus Status { get; init; }
    /// <summary>Why a run was skipped, or other terminal explanation (e.g. interrupted by shutdown).</summary>
    public string? Reason { get; init; }
    /// <summary>The task's result, a JSON value (capped at 256 KiB by the engine).</summary>
    public string? ResultJson { get; init; }
    public RunError? Error { get; init; }
    public MissedFires? Missed { get; init; }
    public IReadOnlyList<RunLogLine> Logs { get; init; } = [];
    /// <summary>Set when logs or result were cut to their caps.</summary>
    public string? Truncation { get; init; }
    public required string Node { get; init; }
    /// <summary>The id of the event that triggered this run (trigger = event).</summary>
    public string? TriggerEventId { get; init; }
    /// <summary>The merged config the run used, a JSON object.</summary>
    public string? ConfigJson { get; init; }
    /// <summary>
    /// The retry this run scheduled (it failed or timed out with attempts left): kept with the run so that a retry
    /// still waiting for its backoff when the process stops is run after the next start.
    /// </summary>
    public PlannedRetry? Retry { get; init; }
}

/// <summary>A retry scheduled by a failed run: the run id it will carry and when it is due.</summary>
public sealed record PlannedRetry(string RunId, DateTimeOffset DueAt);

/// <summary>The error of a failed run.</summary>
public sealed record RunError(string Type, string Message, string? StackTrace);

/// <summary>One log line of a run.</summary>
public sealed record RunLogLine(DateTimeOffset Time, string Level, string Message);

/// <summary>Fires dropped by the misfire rules, recorded as one run.</summary>
/// <param name="Count">How many fires were missed (exact up to <see cref="ExactLimit"/>).</param>
/// <param name="CountIsLowerBound">True when the count was capped: "at least".</param>
public sealed record MissedFires(long Count, bool CountIsLowerBound, DateTimeOffset FirstScheduledAt, DateTimeOffset LastScheduledAt)
{
    /// <summary>Counts are exact up to this many fires.</summary>
    public const long ExactLimit = 1_000_000;
}
