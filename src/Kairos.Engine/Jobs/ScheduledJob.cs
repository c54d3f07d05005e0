using System.Text.Json.Nodes;
using Kairos.Conditions.Expressions;
using Kairos.Scheduling;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Jobs;

/// <summary>
/// A job as the engine holds it in memory: the stored record plus its parsed schedule, options, config and
/// condition, and the counters the executor needs. Replaced as a whole when the job changes; the
/// <see cref="Generation"/> lets queued fires of an older version be recognised and dropped.
/// </summary>
public sealed class ScheduledJob
{
    private int _running;

    public required JobRecord Record { get; init; }
    public required Schedule Schedule { get; init; }
    public required JobOptions Options { get; init; }
    public ConditionExpression? Condition { get; init; }
    public ConditionExpression? EventFilter { get; init; }
    public required long Generation { get; init; }

    public string JobId => Record.JobId;

    private JsonObject? _config;
    private TaskCompletionSource? _instanceFreed;

    /// <summary>
    /// The job's config, parsed on first use and shared: treat it as read-only. Most jobs never need it (a run reads
    /// its own copy through the task context), so 100,000 jobs do not hold 100,000 parsed objects.
    /// </summary>
    public JsonObject Config => Volatile.Read(ref _config) ?? InitConfig();

    private JsonObject InitConfig()
    {
        var parsed = ParseConfig();
        return Interlocked.CompareExchange(ref _config, parsed, null) ?? parsed;
    }

    /// <summary>A new, private copy of the job's stored config.</summary>
    public JsonObject ParseConfig() => JsonNode.Parse(Record.ConfigJson)?.AsObject() ?? [];

    /// <summary>
    /// This job with another stored record whose schedule, options, config and condition are unchanged (a state
    /// change such as finishing): nothing is parsed again. The new version has no next fire.
    /// </summary>
    internal ScheduledJob WithRecord(JobRecord record) => new()
    {
        Record = record,
        Schedule = Schedule,
        Options = Options,
        Condition = Condition,
        EventFilter = EventFilter,
        Generation = JobCompiler.NextGeneration(),
    };

    private volatile bool _retired;

    /// <summary>
    /// True once a newer version replaced this one in the index, or the job was removed: its queued fires are dropped.
    /// A flag, so the fire loop needs no index look-up per fire.
    /// </summary>
    public bool IsRetired => _retired;

    internal void Retire() => _retired = true;

    // default (year 1, before any schedule's domain) stands for "none": 16 bytes instead of a nullable's 24.
    private DateTimeOffset _nextFireTime;

    /// <summary>The next fire time as the scheduler knows it (null: none, paused, waiting or event-driven).</summary>
    public DateTimeOffset? NextFireTime
    {
        get => _nextFireTime == default ? null : _nextFireTime;
        set => _nextFireTime = value ?? default;
    }

    /// <summary>The latest run of this job that reached the store; shared by the job's versions.</summary>
    public LastRunSummary LastRun { get; private set; } = new();

    /// <summary>Runs of this job submitted and not yet finished (counted against max_instances).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Completed when an instance slot frees up; event-triggered jobs wait on it. Made only when someone asks, so a
    /// run's end costs nothing when nobody waits.
    /// </summary>
    internal TaskCompletionSource InstanceFreed
    {
        get
        {
            var current = Volatile.Read(ref _instanceFreed);
            if (current is not null)
            {
                return current;
            }
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Interlocked.CompareExchange(ref _instanceFreed, created, null) ?? created;
        }
    }

    /// <summary>Takes an instance slot if fewer than max_instances runs are active.</summary>
    internal bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _running);
            if (current >= Options.MaxInstances)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _running, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Takes a slot regardless of the limit (manual runs count but are never refused).</summary>
    internal void EnterUnchecked() => Interlocked.Increment(ref _running);

    internal void Exit()
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Exchange(ref _instanceFreed, null)?.TrySetResult();
    }

    /// <summary>Carries counters over from the version this one replaces (runs in flight still count).</summary>
    internal void InheritCounters(ScheduledJob previous)
    {
        Interlocked.Exchange(ref _running, previous.Running);
        LastRun = previous.LastRun;
        Interlocked.Exchange(ref _instanceFreed, Volatile.Read(ref previous._instanceFreed));
    }
}
