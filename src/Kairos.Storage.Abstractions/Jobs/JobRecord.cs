namespace Kairos.Storage.Jobs;

/// <summary>
/// A job as stored: a task bound to a schedule, a config and options. JSON-valued members hold
/// canonical JSON text so every store keeps them byte for byte.
/// </summary>
public sealed record JobRecord
{
    // Either the schedule's text (a string), or an object that writes exactly that text (see WithScheduleTextFrom).
    // One field for both, and the instants as clock ticks plus offset minutes (10 bytes, not a DateTimeOffset's 16):
    // a server holds one record per job in memory, and 100,000 jobs are common.
    private object _schedule = "";
    private long _fireFromTicks;
    private long _createdAtTicks;
    private long _updatedAtTicks;
    private short _fireFromOffset;
    private short _createdAtOffset;
    private short _updatedAtOffset;

    public required string JobId { get; init; }
    public required string Name { get; init; }
    public required string TaskId { get; init; }

    /// <summary>
    /// The normalised schedule JSON (time zone and interval anchor resolved, so a restart never re-anchors). A record
    /// made by <see cref="WithScheduleTextFrom"/> writes it anew on each read instead of keeping it.
    /// </summary>
    public required string ScheduleJson
    {
        get => _schedule as string ?? _schedule.ToString()!;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _schedule = value;
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
    public required DateTimeOffset FireFrom
    {
        get => Instant(_fireFromTicks, _fireFromOffset);
        init => (_fireFromTicks, _fireFromOffset) = Parts(value);
    }

    public required DateTimeOffset CreatedAt
    {
        get => Instant(_createdAtTicks, _createdAtOffset);
        init => (_createdAtTicks, _createdAtOffset) = Parts(value);
    }

    public required DateTimeOffset UpdatedAt
    {
        get => Instant(_updatedAtTicks, _updatedAtOffset);
        init => (_updatedAtTicks, _updatedAtOffset) = Parts(value);
    }

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
        if (_schedule is not string text || !string.Equals(source.ToString(), text, StringComparison.Ordinal))
        {
            return this;
        }
        var copy = this with { };
        copy._schedule = source;
        return copy;
    }

    // An offset is whole minutes (DateTimeOffset allows nothing finer), ±14 h at most.
    private static (long Ticks, short OffsetMinutes) Parts(DateTimeOffset instant) =>
        (instant.Ticks, (short)(instant.Offset.Ticks / TimeSpan.TicksPerMinute));

    private static DateTimeOffset Instant(long ticks, short offsetMinutes) =>
        new(ticks, TimeSpan.FromMinutes(offsetMinutes));

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
