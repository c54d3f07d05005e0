namespace Kairos.Storage.Jobs;

/// <summary>
/// A job as stored: a task bound to a schedule, a config and options. JSON-valued members hold
/// canonical JSON text so every store keeps them byte for byte.
/// </summary>
public sealed record JobRecord
{
    // Either the schedule's text, or an object that writes exactly that text (see WithScheduleTextFrom).
    private string? _scheduleJson;
    private object? _scheduleSource;

    public required string JobId { get; init; }
    public required string Name { get; init; }
    public required string TaskId { get; init; }

    /// <summary>
    /// The normalised schedule JSON (time zone and interval anchor resolved, so a restart never re-anchors). A record
    /// made by <see cref="WithScheduleTextFrom"/> writes it anew on each read instead of keeping it.
    /// </summary>
    public required string ScheduleJson
    {
        get => _scheduleJson ?? _scheduleSource!.ToString()!;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _scheduleJson = value;
            _scheduleSource = null;
        }
    }

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

    /// <summary>
    /// This record holding <paramref name="source"/> instead of its schedule text, when <c>source.ToString()</c> is
    /// exactly that text; otherwise this record, unchanged. The engine passes the compiled schedule, whose canonical
    /// text is what the job service stores: a server with 100,000 jobs in memory then keeps no copy of their texts
    /// (~200 bytes each). Copies made with <c>with</c> keep the source until they are given another text.
    /// </summary>
    public JobRecord WithScheduleTextFrom(object source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (_scheduleSource is not null || !string.Equals(source.ToString(), _scheduleJson, StringComparison.Ordinal))
        {
            return this;
        }
        var copy = this with { };
        copy._scheduleJson = null;
        copy._scheduleSource = source;
        return copy;
    }

    /// <summary>Equal when every member is (the schedule compared as text, however it is held).</summary>
    public bool Equals(JobRecord? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || string.Equals(JobId, other.JobId, StringComparison.Ordinal)
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && string.Equals(TaskId, other.TaskId, StringComparison.Ordinal)
            && string.Equals(ConfigJson, other.ConfigJson, StringComparison.Ordinal)
            && string.Equals(OptionsJson, other.OptionsJson, StringComparison.Ordinal)
            && State == other.State
            && FireFrom == other.FireFrom
            && CreatedAt == other.CreatedAt
            && UpdatedAt == other.UpdatedAt
            && Version == other.Version
            && string.Equals(ScheduleJson, other.ScheduleJson, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(JobId, State, UpdatedAt, Version);
}
