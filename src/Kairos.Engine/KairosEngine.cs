using System.Collections.Concurrent;
using Kairos.Engine.Firing;
using Kairos.Engine.Jobs;
using Kairos.Engine.Lifecycle;
using Kairos.Engine.Metrics;
using Kairos.Engine.Runs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Storage;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine;

/// <summary>
/// The task engine: holds the jobs in memory, drives the fire loop, the executor and the run writer, recovers
/// after a crash, and keeps jobs in step with the tasks that are available. Job changes arrive through
/// <see cref="JobService"/>, which stores them first and then applies them here.
/// </summary>
public sealed partial class KairosEngine : IAsyncDisposable
{
    private readonly IKairosStore _store;
    private readonly EventBus _bus;
    private readonly ITradingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<KairosEngine> _logger;
    private readonly ConcurrentDictionary<string, EventTrigger> _triggers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _jobLock = new(1, 1);
    private CancellationTokenSource? _loopStop;
    private Task? _loop;

    public KairosEngine(IKairosStore store, EventBus bus, TaskCatalog catalog, ITradingCalendar calendar, TimeProvider time, EngineOptions options, ILoggerFactory loggers)
    {
        _store = store;
        _bus = bus;
        Catalog = catalog;
        _calendar = calendar;
        _time = time;
        Options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<KairosEngine>();
        Writer = new RunWriter(store.Runs, time, loggers.CreateLogger<RunWriter>(), options.RunQueueCapacity, options.RunBatchSize, options.RecordRuns, options.RunCommitInterval);
        Executor = new RunExecutor(catalog, Writer, bus, store, calendar, time, options, loggers.CreateLogger<RunExecutor>());
        Loop = new FireLoop(Jobs, Executor, Writer, time, loggers.CreateLogger<FireLoop>());
        Lifecycle = new LifecycleEvents(bus, time, loggers.CreateLogger<LifecycleEvents>());
        Loop.JobsFinished = MarkFinishedAsync;
        Loop.FireLag = lag => Metrics.SchedulingLagSeconds.Observe(Math.Max(0, lag.TotalSeconds));
        Writer.Committed = OnRunsCommittedAsync;
        catalog.TasksAdded += OnTasksAddedAsync;
        catalog.TasksRemoved += OnTasksRemovedAsync;
    }

    public EngineOptions Options { get; }
    public TaskCatalog Catalog { get; }
    public JobIndex Jobs { get; } = new();
    public RunWriter Writer { get; }
    public RunExecutor Executor { get; }
    public FireLoop Loop { get; }
    public LifecycleEvents Lifecycle { get; }
    public RunWaiters Waiters { get; } = new();
    public EngineMetrics Metrics { get; } = new();
    public IKairosStore Store => _store;
    public ITradingCalendar Calendar => _calendar;
    public TimeProvider Time => _time;

    /// <summary>Raised after each batch of run records is committed (in order); for observers such as tests and dashboards.</summary>
    public event Action<IReadOnlyList<RunRecord>>? RunsCommitted;

    /// <summary>When the engine started (null before).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>True while the fire loop runs.</summary>
    public bool IsFiring => _loop is { IsCompleted: false };

    /// <summary>
    /// Starts the engine: the run writer, crash recovery (runs left running become interrupted and get a retry if
    /// attempts remain), loading every job with its overdue fires, and, when enabled, the fire loop. Register the
    /// tasks available at start-up (built-ins, plugins) before calling this, so jobs do not flap to
    /// waiting_for_plugin.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Writer.Start();
        StartedAt = _time.GetUtcNow();
        // Read before any run starts: every retry planned from here on is queued by the run that plans it, so reading
        // later could queue one twice.
        var owed = Options.SchedulerEnabled ? await _store.Runs.ListPendingRetriesAsync(cancellationToken).ConfigureAwait(false) : [];
        var interrupted = await RecoverInterruptedRunsAsync(cancellationToken).ConfigureAwait(false);

        var lastFires = await _store.Runs.GetLastScheduledAtByJobAsync(cancellationToken).ConfigureAwait(false);
        var compiled = new List<ScheduledJob>();
        // Streamed: each stored record is compiled as it is read, so what a job does not keep of it (its schedule's
        // text) dies young instead of outliving the whole load.
        await foreach (var record in _store.Jobs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var job = await ReconcileAvailabilityAsync(JobCompiler.Compile(record, Options.DefaultTimeZone), cancellationToken).ConfigureAwait(false);
                job.NextFireTime = ComputeNextFire(job, lastFires.TryGetValue(record.JobId, out var last) ? last : null);
                Jobs.Set(job);
                compiled.Add(job);
                EnsureTrigger(job);
            }
            catch (InvalidOperationException ex)
            {
                LogJobLoadFailed(ex, record.JobId);
            }
        }
        foreach (var retry in interrupted)
        {
            Executor.Submit(retry with { Job = Jobs.TryGet(retry.Job!.JobId, out var live) ? live : retry.Job });
        }

        // A job stored as scheduled whose schedule has no fire left (its last fire recorded before a stop that came
        // before its finished state was stored, or an end date passed while stopped) is finished now.
        var ended = compiled.Where(j => j.Record.State == JobState.Scheduled && j.NextFireTime is null && !j.Schedule.FiresOnEvents).ToList();
        if (ended.Count > 0)
        {
            await MarkFinishedAsync(ended).ConfigureAwait(false);
        }

        if (Options.SchedulerEnabled)
        {
            Loop.ScheduleMany(compiled);
            await QueueOwedRetriesAsync(owed, cancellationToken).ConfigureAwait(false);
            _loopStop = new CancellationTokenSource();
            _loop = Task.Run(() => Loop.RunAsync(_loopStop.Token));
        }
        await Lifecycle.SchedulerAsync("scheduler.started", new { node = Options.NodeId, jobs = compiled.Count, enabled = Options.SchedulerEnabled }).ConfigureAwait(false);
        LogStarted(compiled.Count, Options.SchedulerEnabled);
    }

    /// <summary>
    /// Stops firing, lets running runs finish for up to <paramref name="shutdownTimeout"/>, cancels the rest
    /// (recorded interrupted) and flushes every run record.
    /// </summary>
    public async Task StopAsync(TimeSpan shutdownTimeout)
    {
        if (_loopStop is not null)
        {
            await _loopStop.CancelAsync().ConfigureAwait(false);
            if (_loop is not null)
            {
                await _loop.ConfigureAwait(false);
            }
        }
        foreach (var trigger in _triggers.Values)
        {
            await trigger.DisposeAsync().ConfigureAwait(false);
        }
        _triggers.Clear();
        await Executor.DrainAsync(shutdownTimeout).ConfigureAwait(false);
        await Writer.FlushAndStopAsync().ConfigureAwait(false);
        await Lifecycle.SchedulerAsync("scheduler.stopped", new { node = Options.NodeId }).ConfigureAwait(false);
        LogStopped();
    }

    public async ValueTask DisposeAsync()
    {
        Catalog.TasksAdded -= OnTasksAddedAsync;
        Catalog.TasksRemoved -= OnTasksRemovedAsync;
        _loopStop?.Dispose();
        await ValueTask.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Serialises job changes (they are rare; firing never takes this lock).</summary>
    internal async Task<IDisposable> LockJobsAsync(CancellationToken cancellationToken)
    {
        await _jobLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_jobLock);
    }

    /// <summary>Applies a stored job to the running engine: replaces its in-memory version and reschedules it.</summary>
    internal ScheduledJob Apply(JobRecord record, bool scheduleChanged)
    {
        var job = JobCompiler.Compile(record, Options.DefaultTimeZone);
        if (Jobs.TryGet(record.JobId, out var previous))
        {
            job.InheritCounters(previous);
        }
        job.NextFireTime = record.State == JobState.Scheduled
            ? scheduleChanged || previous?.NextFireTime is null ? ComputeNextFire(job, null) : previous.NextFireTime
            : null;
        Jobs.Set(job);
        EnsureTrigger(job);
        if (Options.SchedulerEnabled)
        {
            Loop.Schedule(job);
        }
        return job;
    }

    internal async Task RemoveAsync(string jobId)
    {
        Jobs.Remove(jobId, out _);
        if (_triggers.TryRemove(jobId, out var trigger))
        {
            await trigger.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The first fire at or after the job's FireFrom, or the fire after the last one recorded.</summary>
    private static DateTimeOffset? ComputeNextFire(ScheduledJob job, DateTimeOffset? lastRecordedFire)
    {
        if (job.Record.State != JobState.Scheduled || job.Schedule.FiresOnEvents)
        {
            return null;
        }
        return lastRecordedFire is { } last && last >= job.Record.FireFrom
            ? job.Schedule.GetNextFireTime(last)
            : job.Schedule.GetFirstFireTime(job.Record.FireFrom);
    }

    private void EnsureTrigger(ScheduledJob job)
    {
        if (job.Schedule is Scheduling.EventSchedule events && job.Record.State == JobState.Scheduled)
        {
            if (_triggers.TryGetValue(job.JobId, out var existing))
            {
                if (existing.EventType == events.EventType)
                {
                    return;
                }
                _triggers.TryRemove(job.JobId, out _);
                _ = existing.DisposeAsync().AsTask();
            }
            _triggers[job.JobId] = new EventTrigger(job.JobId, events.EventType, Jobs, _bus, Executor, Writer, _store.Runs, _calendar, _time, Options, _logger);
        }
        else if (_triggers.TryRemove(job.JobId, out var stale))
        {
            _ = stale.DisposeAsync().AsTask();
        }
    }

    private async Task<List<RunRequest>> RecoverInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        var running = await _store.Runs.ListRunningAsync(cancellationToken).ConfigureAwait(false);
        var retries = new List<RunRequest>();
        if (running.Count == 0)
        {
            return retries;
        }
        var now = _time.GetUtcNow();
        var interrupted = new List<RunRecord>(running.Count);
        foreach (var run in running)
        {
            var ended = run with
            {
                Status = RunStatus.Interrupted,
                FinishedAt = now,
                Reason = $"the process running it on node '{run.Node}' ended while it ran",
            };
            if (run.JobId is not null && await _store.Jobs.GetAsync(run.JobId, cancellationToken).ConfigureAwait(false) is { } record
                && run.Attempt < JobOptionsJson.FromJson(record.OptionsJson).Retry.MaxAttempts && record.State == JobState.Scheduled)
            {
                var job = JobCompiler.Compile(record, Options.DefaultTimeZone);
                var retryId = RunIds.New(_time);
                // Planned on the record like any retry, so a stop before it starts still owes it.
                ended = ended with { Retry = new PlannedRetry(retryId, RunExecutor.RetryDueAt(now)) };
                retries.Add(await RetryOfStoredAsync(run, retryId, job, now, cancellationToken).ConfigureAwait(false));
            }
            interrupted.Add(ended);
        }
        await _store.Runs.WriteBatchAsync(interrupted, cancellationToken).ConfigureAwait(false);
        Lifecycle.RunsCommitted(interrupted);
        LogRecovered(interrupted.Count, retries.Count);
        return retries;
    }

    /// <summary>
    /// Retries that failed or interrupted runs planned and that had not run when the process stopped (read at the
    /// start of <see cref="StartAsync"/>): each is queued again for its due time (at once when that has passed) under
    /// the run id it was given. One whose job is gone or paused is recorded as skipped, as it would have been had the
    /// process kept running.
    /// </summary>
    private async Task QueueOwedRetriesAsync(IReadOnlyList<RunRecord> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var queued = 0;
        foreach (var failed in pending)
        {
            var planned = failed.Retry!;
            ScheduledJob? job = null;
            if (failed.JobId is { } jobId && Jobs.TryGet(jobId, out job) && job.Record.State != JobState.Paused)
            {
                Executor.ScheduleRetry!(await RetryOfStoredAsync(failed, planned.RunId, job, planned.DueAt, cancellationToken).ConfigureAwait(false), planned.DueAt);
                queued++;
                continue;
            }
            await Writer.WriteAsync(new RunRecord
            {
                RunId = planned.RunId,
                JobId = failed.JobId,
                TaskId = failed.TaskId,
                Trigger = RunTrigger.Retry,
                ScheduledAt = failed.ScheduledAt,
                FinishedAt = _time.GetUtcNow(),
                Attempt = failed.Attempt + 1,
                RetryOf = failed.RetryOf ?? failed.RunId,
                Status = RunStatus.Skipped,
                Reason = RunExecutor.RetryDroppedReason,
                Node = Options.NodeId,
                TriggerEventId = failed.TriggerEventId,
            }, job?.LastRun, cancellationToken).ConfigureAwait(false);
        }
        LogRetriesRecovered(queued, pending.Count - queued);
    }

    private async Task<ScheduledJob> ReconcileAvailabilityAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        var available = Catalog.TryGet(job.Record.TaskId, out _);
        var state = job.Record.State;
        JobRecord? changed = null;
        if (state == JobState.Scheduled && !available)
        {
            changed = job.Record with { State = JobState.WaitingForPlugin, UpdatedAt = _time.GetUtcNow(), Version = job.Record.Version + 1 };
        }
        else if (state == JobState.WaitingForPlugin && available)
        {
            var now = _time.GetUtcNow();
            changed = job.Record with { State = JobState.Scheduled, FireFrom = now, UpdatedAt = now, Version = job.Record.Version + 1 };
        }
        if (changed is null)
        {
            return job;
        }
        await _store.Jobs.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
        return JobCompiler.Compile(changed, Options.DefaultTimeZone);
    }

    private async Task OnTasksAddedAsync(IReadOnlyCollection<string> taskIds) => await ReconcileTasksAsync(taskIds).ConfigureAwait(false);

    private async Task OnTasksRemovedAsync(IReadOnlyCollection<string> taskIds) => await ReconcileTasksAsync(taskIds).ConfigureAwait(false);

    private async Task ReconcileTasksAsync(IReadOnlyCollection<string> taskIds)
    {
        if (StartedAt is null)
        {
            return; // before start, StartAsync reconciles every job
        }
        using var _ = await LockJobsAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var job in Jobs.All.Where(j => taskIds.Contains(j.Record.TaskId)).ToList())
        {
            var reconciled = await ReconcileAvailabilityAsync(job, CancellationToken.None).ConfigureAwait(false);
            if (!ReferenceEquals(reconciled, job))
            {
                Apply(reconciled.Record, scheduleChanged: true);
                await Lifecycle.JobModifiedAsync(reconciled.Record).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Stores jobs whose schedules ended as finished, in one transaction; a job changed meanwhile is left alone. The fire
    /// loop hands them over behind the run records of the same fires (see <see cref="FireLoop.JobsFinished"/>).
    /// </summary>
    private async Task MarkFinishedAsync(IReadOnlyList<ScheduledJob> ended)
    {
        try
        {
            using var _ = await LockJobsAsync(CancellationToken.None).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var finished = new List<(ScheduledJob Job, JobRecord Record)>(ended.Count);
            foreach (var job in ended)
            {
                if (Jobs.TryGet(job.JobId, out var live) && ReferenceEquals(live, job))
                {
                    finished.Add((job, job.Record with { State = JobState.Finished, UpdatedAt = now, Version = job.Record.Version + 1 }));
                }
            }
            await _store.Jobs.UpdateStatesAsync(finished.ConvertAll(f => f.Record)).ConfigureAwait(false);
            foreach (var (job, record) in finished)
            {
                // Only the state changed: the compiled schedule, options and config are reused.
                var replacement = job.WithRecord(record);
                replacement.InheritCounters(job);
                Jobs.Set(replacement);
            }
        }
        catch (Exception ex)
        {
            LogJobsFinishFailed(ex, ended.Count);
        }
    }

    private ValueTask OnRunsCommittedAsync(CommittedRuns committed)
    {
        var batch = committed.Records;
        Metrics.Committed(batch);
        // Every record of a job's run is queued with the job's last-run summary (shared by the job's versions), so
        // committing updates it directly, with no look-up by job id per run.
        for (var i = 0; i < batch.Count; i++)
        {
            committed.LastRunAt(i)?.Set(batch[i]);
        }
        Waiters.Committed(batch);
        Lifecycle.RunsCommitted(batch);
        RunsCommitted?.Invoke(batch);
        return ValueTask.CompletedTask;
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine started with {Jobs} jobs (firing: {Enabled})")]
    private partial void LogStarted(int jobs, bool enabled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Count} runs left running by a dead process as interrupted; {Retries} will be retried")]
    private partial void LogRecovered(int count, int retries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} could not be loaded or updated")]
    private partial void LogJobLoadFailed(Exception ex, string jobId);

    /// <summary>
    /// The next attempt of a stored run, rebuilt after a restart as the run that failed would have planned it in
    /// memory: the stored config it ran with, the original scheduled time (<paramref name="scheduledFallback"/> when
    /// it had none) and the event that triggered it, read back from the event log (a retry of an event-driven run
    /// needs the event's data as much as its first attempt did). An event the log no longer holds (removed by
    /// retention) leaves it without one.
    /// </summary>
    private async Task<RunRequest> RetryOfStoredAsync(RunRecord run, string retryId, ScheduledJob job, DateTimeOffset scheduledFallback,
        CancellationToken cancellationToken)
    {
        KairosEvent? triggerEvent = null;
        if (run.TriggerEventId is { } eventId)
        {
            triggerEvent = await _bus.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
            if (triggerEvent is null)
            {
                LogRetryEventGone(retryId, eventId);
            }
        }
        return new RunRequest
        {
            RunId = retryId,
            Job = job,
            TaskId = run.TaskId,
            Trigger = RunTrigger.Retry,
            ScheduledAt = run.ScheduledAt ?? scheduledFallback,
            Attempt = run.Attempt + 1,
            RetryOf = run.RetryOf ?? run.RunId,
            Config = run.ConfigJson is { } json ? System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject() : null,
            TimeZone = job.Schedule.TimeZone,
            TriggerEvent = triggerEvent,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry {RunId} runs without its trigger event {EventId}: the event log no longer holds it")]
    private partial void LogRetryEventGone(string runId, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retries owed from before the start: {Queued} queued, {Dropped} recorded skipped (job paused or removed)")]
    private partial void LogRetriesRecovered(int queued, int dropped);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} jobs whose schedules ended could not be stored as finished")]
    private partial void LogJobsFinishFailed(Exception ex, int count);
}
