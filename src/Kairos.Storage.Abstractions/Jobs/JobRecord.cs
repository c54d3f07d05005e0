namespace Kairos.Storage.Jobs;

/// <summary>
/// A job as stored: a task bound to a schedule, a config and options. JSON-valued members hold
/// canonical JSON text so every store keeps them byte for byte.
/// </summary>
public sealed record JobRecord
{
    public required string JobId { get; init; }
    public required string Name { get; init; }
    public required string TaskId { get; init; }

    /// <summary>The normalised schedule JSON (time zone and interval anchor resolved, so a restart never re-anchors).</summary>
    public required string ScheduleJson { get; init; }

    /// <summary>The job's config, a JSON object.</summary>
    public string ConfigJson { get; init; } = "{}";

    /// <summary>The job options (max_instances, coalesce, misfire_grace_time, timeout, retry, condition) as a JSON object.</summary>
    public string OptionsJson { get; init; } = "{}";

    public JobState State { get; init; } = JobState.Scheduled;

    /// <summary>
    /// Fires are counted from this instant on (inclusive): the creation time, the last resume, or the last
    /// schedule change. After a restart, overdue fires between it (or the last recorded fire) and now go
    /// through the misfire rules.
    /// </summary>
    public required DateTimeOffset FireFrom { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Incremented on every change; lets callers detect concurrent modification.</summary>
    public long Version { get; init; } = 1;
}
