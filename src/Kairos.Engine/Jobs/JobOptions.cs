namespace Kairos.Engine.Jobs;

/// <summary>A job's options, named and defaulted as APScheduler's, plus timeout, retry and condition.</summary>
public sealed record JobOptions
{
    /// <summary>Runs of the job that may run at once; a fire beyond it is recorded as skipped.</summary>
    public int MaxInstances { get; init; } = 1;

    /// <summary>When several fires are overdue, run once for the latest.</summary>
    public bool Coalesce { get; init; } = true;

    /// <summary>
    /// How late a fire may start and still run, in seconds; null = however late. Null by default on purpose:
    /// APScheduler's 1-second default silently drops runs after any hiccup.
    /// </summary>
    public int? MisfireGraceTimeSeconds { get; init; }

    /// <summary>Per-run timeout in seconds; null = none.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>Retry policy; one attempt by default.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    /// <summary>An expression evaluated before each run; false skips the run.</summary>
    public string? Condition { get; init; }
}
