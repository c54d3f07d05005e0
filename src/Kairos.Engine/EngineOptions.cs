namespace Kairos.Engine;

/// <summary>Settings of the task engine.</summary>
public sealed record EngineOptions
{
    /// <summary>When false the engine accepts jobs and manual runs but nothing fires on its schedule (ENABLE_SCHEDULER).</summary>
    public bool SchedulerEnabled { get; init; } = true;

    /// <summary>The default time zone of schedules (SCHEDULER_TIMEZONE).</summary>
    public TimeZoneInfo DefaultTimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Runs executing at once across all jobs (KAIROS_MAX_CONCURRENCY).</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>This node's name, stored with every run (KAIROS_NODE_ID).</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How long a task that ignores cancellation is waited for after a timeout or cancel before it is abandoned.</summary>
    public TimeSpan AbandonGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Capacity of the run writer's queue; when full, firing waits (a record is never dropped).</summary>
    public int RunQueueCapacity { get; init; } = 100_000;

    /// <summary>Most records written in one transaction.</summary>
    public int RunBatchSize { get; init; } = 5_000;

    /// <summary>
    /// Shortest time between two run-record commits while records keep arriving. Each commit is a durable write
    /// (an fsync), so pacing them gathers a busy second's records into a few hundred transactions; a record that
    /// arrives after a quiet spell is committed at once. Zero commits as fast as the disk allows.
    /// </summary>
    public TimeSpan RunCommitInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Event-triggered jobs: events queued per job before an overflow is recorded as a skipped run.</summary>
    public int EventQueueCapacity { get; init; } = 1_000;

    /// <summary>Longest chain of event-triggered runs (Events:MaxChainDepth).</summary>
    public int MaxChainDepth { get; init; } = 8;

    /// <summary>When false, run records are not written (for benchmark comparison only; never the default).</summary>
    public bool RecordRuns { get; init; } = true;
}
