namespace Kairos.Storage.Runs;

/// <summary>
/// The state of a run. A run starts <see cref="Running"/> and ends in exactly one terminal status;
/// <see cref="Skipped"/> and <see cref="Missed"/> runs are recorded already terminal (they never started).
/// </summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Cancelled,
    /// <summary>The process died or shut down while the run was in progress.</summary>
    Interrupted,
    /// <summary>The fire was not run (max_instances reached, condition false, queue overflow, chain depth).</summary>
    Skipped,
    /// <summary>Misfire rules dropped one or more fires; see <see cref="RunRecord.Missed"/>.</summary>
    Missed,
}

/// <summary>Why a run exists.</summary>
public enum RunTrigger
{
    Schedule,
    Manual,
    Event,
    Retry,
}
