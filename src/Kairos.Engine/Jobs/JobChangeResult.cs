namespace Kairos.Engine.Jobs;

/// <summary>The outcome of a job change.</summary>
public sealed record JobChangeResult(JobChangeOutcome Outcome, ScheduledJob? Job, string? Message, bool Created)
{
    public static JobChangeResult Ok(ScheduledJob job, bool created) => new(JobChangeOutcome.Ok, job, null, created);
    public static JobChangeResult Conflict(string message) => new(JobChangeOutcome.Conflict, null, message, false);
    public static JobChangeResult NotFound(string jobId) => new(JobChangeOutcome.NotFound, null, $"no job '{jobId}'", false);
}

public enum JobChangeOutcome
{
    Ok,
    Conflict,
    NotFound,
}

/// <summary>The outcome of an execute request.</summary>
public sealed record ExecuteResult(ExecuteOutcome Outcome, string? RunId, string? Message)
{
    public static ExecuteResult Started(string runId) => new(ExecuteOutcome.Started, runId, null);
    public static ExecuteResult Conflict(string message) => new(ExecuteOutcome.Conflict, null, message);
    public static ExecuteResult NotFound(string message) => new(ExecuteOutcome.NotFound, null, message);
}

public enum ExecuteOutcome
{
    Started,
    Conflict,
    NotFound,
}
