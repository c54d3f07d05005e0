using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kairos.Conditions.Expressions;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Tasks;
using Kairos.Storage;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Runs;

/// <summary>
/// Executes runs: a global concurrency limit plus each job's <c>max_instances</c>, the misfire grace check at
/// start, the job's condition, the per-run timeout, cancellation, abandonment of tasks that ignore
/// cancellation, and retries. Every outcome becomes a run record through the <see cref="RunWriter"/>.
/// </summary>
public sealed partial class RunExecutor
{
    private readonly TaskCatalog _catalog;
    private readonly RunWriter _writer;
    private readonly EventBus _bus;
    private readonly IKairosStore _store;
    private readonly ITradingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly ILogger<RunExecutor> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, ActiveRun> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    // Runs submitted and not yet recorded; DrainAsync waits for it to reach zero (signalled through _idle).
    private int _inFlight;
    // Runs waiting for a drainer (see Start), the drainers at work, and when a drainer last started a run.
    private readonly ConcurrentQueue<RunRequest> _ready = new();
    private readonly int _parallelDrainers = Math.Max(2, Environment.ProcessorCount);
    private int _drainers;
    private long _lastStartTicks = Environment.TickCount64;
    private const long StalledQueueMs = 50;
    // Checks, StalledQueueMs after runs were queued behind busy drainers, that some run started meanwhile.
    private readonly Timer _watchdog;
    private int _watchdogArmed;
    private long _watchdogArmedAt;
    private const int BacklogForAnotherDrainer = 32;

    // Runs a drainer starts before it lets other queued pool work run.
    private const int DrainQuantum = 256;
    private TaskCompletionSource _idle = NewIdleSignal();
    private readonly Random _random;

    public RunExecutor(TaskCatalog catalog, RunWriter writer, EventBus bus, IKairosStore store, ITradingCalendar calendar,
        TimeProvider time, EngineOptions options, ILogger<RunExecutor> logger, Random? random = null)
    {
        _catalog = catalog;
        _writer = writer;
        _bus = bus;
        _store = store;
        _calendar = calendar;
        _time = time;
        _options = options;
        _logger = logger;
        _random = random ?? Random.Shared;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _watchdog = new Timer(static state => ((RunExecutor)state!).CheckProgress(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Set by the scheduler: queues a retry to be submitted at the given instant.</summary>
    public Action<RunRequest, DateTimeOffset>? ScheduleRetry { get; set; }

    /// <summary>Runs executing or waiting for a concurrency slot.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Runs executing now.</summary>
    public int Active => _active.Count;

    /// <summary>The ids of the runs executing now.</summary>
    public IReadOnlyCollection<string> ActiveRunIds => _active.Keys.ToArray();

    private bool Stopping => _shutdown.IsCancellationRequested;

    /// <summary>
    /// A scheduled (or event) fire of a job. When the job already has max_instances runs, the fire is recorded
    /// as skipped; otherwise the run starts in the background.
    /// </summary>
    public ValueTask SubmitFireAsync(ScheduledJob job, DateTimeOffset scheduledAt, RunTrigger trigger = RunTrigger.Schedule, Sdk.Events.KairosEvent? triggerEvent = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var runId = RunIds.New(_time);
        if (!job.TryEnter())
        {
            return _writer.WriteAsync(Terminal(runId, job, job.Record.TaskId, trigger, scheduledAt, RunStatus.Skipped,
                $"max_instances reached ({job.Options.MaxInstances} running)", triggerEvent?.Id), job.LastRun);
        }
        Start(new RunRequest
        {
            RunId = runId,
            Job = job,
            TaskId = job.Record.TaskId,
            Trigger = trigger,
            ScheduledAt = scheduledAt,
            TriggerEvent = triggerEvent,
            TimeZone = job.Schedule.TimeZone,
            SlotTaken = true,
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>Starts a run whose instance slot was already taken by the caller (event-triggered jobs wait for one).</summary>
    internal void SubmitWithSlot(RunRequest request) => Start(request with { SlotTaken = true });

    /// <summary>Starts a manual, ad-hoc or retry run now; never refused by max_instances (but counted).</summary>
    public void Submit(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Job?.EnterUnchecked();
        Start(request with { SlotTaken = request.Job is not null });
    }

    /// <summary>Requests cancellation of a run in progress; false when it is not running here.</summary>
    public bool TryCancel(string runId)
    {
        if (_active.TryGetValue(runId, out var active))
        {
            active.Cancel(CancelReason.Request);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Shutdown: lets runs finish for up to <paramref name="timeout"/>, then cancels the rest (recorded
    /// <c>interrupted</c>) and waits for them (tasks that ignore cancellation are abandoned after the grace period).
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        await WaitForInFlightAsync(timeout).ConfigureAwait(false);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        // Runs registered after this pass see Stopping and cancel themselves (RunTaskAsync).
        foreach (var active in _active.Values)
        {
            active.Cancel(CancelReason.Shutdown);
        }
        await WaitForInFlightAsync(_options.AbandonGracePeriod + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _watchdog.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitForInFlightAsync(TimeSpan timeout)
    {
        if (InFlight == 0)
        {
            return;
        }
        using var cts = new CancellationTokenSource();
        var delay = Task.Delay(timeout, _time, cts.Token);
        // The idle signal can be replaced by a new run between the check and the wait, hence the loop.
        while (InFlight > 0 && !delay.IsCompleted)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle.Task.IsCompleted)
            {
                // Signalled for an earlier idle moment: re-arm it, then look at the count again.
                Interlocked.CompareExchange(ref _idle, NewIdleSignal(), idle);
                continue;
            }
            await Task.WhenAny(idle.Task, delay).ConfigureAwait(false);
        }
        await cts.CancelAsync().ConfigureAwait(false);
    }

    private static TaskCompletionSource NewIdleSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void EnterInFlight()
    {
        if (Interlocked.Increment(ref _inFlight) == 1)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _idle, NewIdleSignal(), idle);
            }
        }
    }

    private void ExitInFlight()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            Volatile.Read(ref _idle).TrySetResult();
        }
    }

    // Runs are started by a few drainers on the thread pool, each taking runs from one queue and starting them in turn
    // (a run starts synchronously until its task first awaits). Thousands of fires falling due together then cost a
    // queue operation each instead of a pool work item and a thread wake-up each. A task that blocks its thread
    // instead of awaiting holds its drainer; the others go on, and a watchdog gives a queue that stops moving (no run
    // started for 50 ms while runs wait) another drainer.
    private void Start(RunRequest request)
    {
        EnterInFlight();
        _ready.Enqueue(request);
        var drainers = Volatile.Read(ref _drainers);
        if (drainers == 0)
        {
            TryAddDrainer(_parallelDrainers);
        }
        else
        {
            ArmWatchdog();
        }
    }

    // Real time, not the scheduler's clock: this watches threads making progress, it schedules nothing.
    private void ArmWatchdog()
    {
        if (!Stopping && Interlocked.Exchange(ref _watchdogArmed, 1) == 0)
        {
            Volatile.Write(ref _watchdogArmedAt, Environment.TickCount64);
            _watchdog.Change(StalledQueueMs, Timeout.Infinite);
        }
    }

    /// <summary>
    /// Runs are waiting and no run started since the watchdog was armed: every drainer is held by a task that blocks
    /// its thread, so another drainer takes over the queue (up to the concurrency limit). While runs keep starting, the
    /// check repeats as long as the queue is not empty.
    /// </summary>
    private void CheckProgress()
    {
        Volatile.Write(ref _watchdogArmed, 0);
        if (_ready.IsEmpty || Stopping)
        {
            return;
        }
        if (Volatile.Read(ref _lastStartTicks) < Volatile.Read(ref _watchdogArmedAt))
        {
            TryAddDrainer(_options.MaxConcurrency);
        }
        ArmWatchdog();
    }

    private void TryAddDrainer(int limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _drainers);
            if (current >= limit)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _drainers, current + 1, current) == current)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static executor => executor.Drain(), this, preferLocal: false);
                return;
            }
        }
    }

    private void Drain()
    {
        var started = 0;
        while (true)
        {
            while (_ready.TryDequeue(out var request))
            {
                Volatile.Write(ref _lastStartTicks, Environment.TickCount64);
                // Another drainer only for a real backlog: waking a thread costs more than starting a few runs.
                if (_ready.Count > BacklogForAnotherDrainer && Volatile.Read(ref _drainers) < _parallelDrainers)
                {
                    TryAddDrainer(_parallelDrainers);
                }
                _ = ExecuteAsync(request);
                if (++started == DrainQuantum && !_ready.IsEmpty)
                {
                    // Takes its turn again at the back of the pool's queue: with as many drainers as cores, the run
                    // writer and the commit callbacks would otherwise wait behind a burst until the pool adds threads
                    // (it adds them slowly). Still counted in _drainers: the queued item carries on as this drainer.
                    ThreadPool.UnsafeQueueUserWorkItem(static executor => executor.Drain(), this, preferLocal: false);
                    return;
                }
            }
            Interlocked.Decrement(ref _drainers);
            // A run queued while this drainer was leaving may have seen it still counted and started none.
            if (_ready.IsEmpty)
            {
                return;
            }
            if (Interlocked.Increment(ref _drainers) > _options.MaxConcurrency)
            {
                Interlocked.Decrement(ref _drainers); // enough others are at work
                return;
            }
        }
    }

    private async Task ExecuteAsync(RunRequest request)
    {
        try
        {
            try
            {
                // A free slot is taken without the asynchronous wait (and its cancellation registration), which
                // matters when thousands of fires fall due together; after shutdown no run starts either way.
                _shutdown.Token.ThrowIfCancellationRequested();
                if (!_slots.Wait(0))
                {
                    await _slots.WaitAsync(_shutdown.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // A retry is left without a record: the run that planned it stored the plan, so the next start still
                // owes it (KairosEngine.StartAsync). Any other run that never started is recorded interrupted.
                if (request.Trigger != RunTrigger.Retry)
                {
                    await _writer.WriteAsync(Terminal(request, RunStatus.Interrupted, "shut down before the run could start"), request.Job?.LastRun).ConfigureAwait(false);
                }
                return;
            }
            try
            {
                await ExecuteInSlotAsync(request).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception ex)
        {
            // Only the engine's own faults land here; task exceptions are recorded as failed runs.
            LogExecutorFault(ex, request.RunId);
        }
        finally
        {
            if (request.SlotTaken)
            {
                request.Job?.Exit();
            }
            ExitInFlight();
        }
    }

    private async Task ExecuteInSlotAsync(RunRequest request)
    {
        var job = request.Job;
        var now = _time.GetUtcNow();
        if (job is not null && request.Trigger == RunTrigger.Schedule && job.Options.MisfireGraceTimeSeconds is { } grace
            && now - request.ScheduledAt > TimeSpan.FromSeconds(grace))
        {
            await _writer.WriteAsync(Terminal(request, RunStatus.Missed, $"started {(now - request.ScheduledAt).TotalSeconds:0.###} s late, beyond misfire_grace_time {grace} s")
                with { Missed = new MissedFires(1, false, request.ScheduledAt, request.ScheduledAt) }, job.LastRun).ConfigureAwait(false);
            return;
        }

        if (job?.Condition is { } condition && request.Trigger is RunTrigger.Schedule or RunTrigger.Event)
        {
            var verdict = await EvaluateConditionAsync(job, condition, request, now).ConfigureAwait(false);
            if (verdict is not null)
            {
                await _writer.WriteAsync(verdict, job.LastRun).ConfigureAwait(false);
                return;
            }
        }

        if (!_catalog.TryGet(request.TaskId, out var task))
        {
            await _writer.WriteAsync(Terminal(request, RunStatus.Failed, null) with
            {
                Error = new RunError("TaskUnavailable", $"task '{request.TaskId}' is not available (its plugin is not loaded)", null),
            }, job?.LastRun).ConfigureAwait(false);
            return;
        }

        await RunTaskAsync(request, task, now).ConfigureAwait(false);
    }

    private async Task<RunRecord?> EvaluateConditionAsync(ScheduledJob job, ConditionExpression condition, RunRequest request, DateTimeOffset now)
    {
        try
        {
            var statuses = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var jobId in condition.ReferencedJobIds)
            {
                var status = await _store.Runs.GetLastStatusAsync(jobId).ConfigureAwait(false);
                statuses[jobId] = status is null ? null : RunStatusNames.ToName(status.Value);
            }
            var scope = new ConditionScope
            {
                Now = TimeZoneInfo.ConvertTime(now, job.Schedule.TimeZone),
                Config = request.Config ?? job.Config,
                LastStatuses = statuses,
                Calendar = _calendar,
                Event = request.TriggerEvent is { } evt ? new EventScope(evt.Type, evt.Source, evt.Subject, evt.Data) : null,
            };
            return condition.Evaluate(scope)
                ? null
                : Terminal(request, RunStatus.Skipped, $"condition false: {job.Options.Condition}");
        }
        catch (Exception ex) when (ex is ConditionEvaluationException or TradingCalendarException)
        {
            return Terminal(request, RunStatus.Failed, null) with
            {
                Error = new RunError("ConditionError", $"condition '{job.Options.Condition}' could not be evaluated: {ex.Message}", null),
            };
        }
    }

    private async Task RunTaskAsync(RunRequest request, RegisteredTask task, DateTimeOffset startedAt)
    {
        // A scheduled fire runs with the job's own config: its stored JSON is reused instead of serialised per run.
        var configJson = request.Config?.ToJsonString() ?? request.Job?.Record.ConfigJson ?? "{}";
        // The cancellation source is armed (timeout included) and registered before the start is recorded, so whoever
        // sees the start can cancel the run. One source per run: shutdown and cancel requests cancel it directly.
        var timeout = request.Job?.Options.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        using var active = new ActiveRun(timeout, _time);
        _active[request.RunId] = active;
        if (Stopping)
        {
            active.Cancel(CancelReason.Shutdown); // shutdown began while this run was being set up
        }
        // The start is recorded before the task runs when someone listens for run.started; otherwise only once the
        // task is still running after its call returns. A run that ends within its call (most runs of a busy
        // scheduler) then costs one record instead of two; either way a run in progress shows as running.
        var announceStart = _bus.HasListeners("run.started");
        if (announceStart)
        {
            await _writer.WriteAsync(Record(RunStatus.Running), request.Job?.LastRun).ConfigureAwait(false);
        }

        var context = new EngineTaskContext(request, _bus, task.PluginId, _logger, _time, task.Services, active.Token);

        TaskResult? result = null;
        Exception? failure = null;
        var abandoned = false;
        try
        {
            // Called in place: a task that completes synchronously (or at its first await) costs no extra thread-pool
            // hop. A task that blocks its thread instead of awaiting holds this worker until it returns.
            var work = StartTask(task, context, active.Token);
            if (!work.IsCompleted && !announceStart)
            {
                await _writer.WriteAsync(Record(RunStatus.Running), request.Job?.LastRun).ConfigureAwait(false);
            }
            try
            {
                if (!work.IsCompleted)
                {
                    abandoned = await WaitOrAbandonAsync(work, active.Token).ConfigureAwait(false);
                }
                if (!abandoned)
                {
                    result = await work.ConfigureAwait(false);
                }
                else
                {
                    ObserveAbandoned(work, request.RunId);
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }
        finally
        {
            _active.TryRemove(request.RunId, out _);
        }

        var finishedAt = _time.GetUtcNow();
        var (status, reason, error) = Classify(result, failure, abandoned, active, timeout);
        var (resultJson, resultCut) = ResultCapper.Cap(result?.Data);
        // The end is one fresh record, not a copy of the start: most runs never needed a start record (a run's
        // records are the busiest allocation when thousands run each second).
        var truncation = (context.LogTruncation, resultCut) switch
        {
            (null, null) => null,
            ({ } logCut, null) => logCut,
            (null, { } cut) => cut,
            var (logCut, cut) => logCut + "; " + cut,
        };
        var end = Record(status, finishedAt, context.LogLines, reason, error, resultJson, truncation);
        var retry = PlanRetry(request, status, finishedAt);
        if (retry is { } planned)
        {
            // Stored with the run, so that a retry still waiting for its backoff when the process stops is owed
            // after the next start (see KairosEngine.StartAsync).
            end = end with { Retry = new PlannedRetry(planned.Request.RunId, planned.DueAt) };
        }
        await _writer.WriteAsync(end, request.Job?.LastRun).ConfigureAwait(false);
        if (retry is { } due && !Stopping)
        {
            ScheduleRetry?.Invoke(due.Request, due.DueAt);
        }

        // The run's record: its start (running) or its end.
        RunRecord Record(RunStatus status, DateTimeOffset? finishedAt = null, IReadOnlyList<RunLogLine>? logs = null, string? reason = null,
            RunError? error = null, string? resultJson = null, string? truncation = null) => new()
        {
            RunId = request.RunId,
            JobId = request.Job?.JobId,
            TaskId = request.TaskId,
            Trigger = request.Trigger,
            ScheduledAt = request.ScheduledAt,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            DurationMs = finishedAt is { } end ? (long)(end - startedAt).TotalMilliseconds : null,
            Attempt = request.Attempt,
            RetryOf = request.RetryOf,
            Status = status,
            Reason = reason,
            Error = error,
            ResultJson = resultJson,
            Logs = logs ?? [],
            Truncation = truncation,
            Node = _options.NodeId,
            TriggerEventId = request.TriggerEvent?.Id,
            ConfigJson = configJson,
        };
    }

    private static Task<TaskResult> StartTask(RegisteredTask task, TaskContext context, CancellationToken cancellationToken)
    {
        try
        {
            return task.Task.ExecuteAsync(context, cancellationToken)
                   ?? Task.FromException<TaskResult>(new InvalidOperationException("the task returned no Task"));
        }
        catch (Exception ex)
        {
            return Task.FromException<TaskResult>(ex); // thrown before the task's first await
        }
    }

    /// <summary>
    /// Waits for a task still running. Once its run is cancelled, it gets the grace period to end; true when it did
    /// not (it is abandoned). The grace timer starts inside the cancellation callback, at the instant of cancellation.
    /// </summary>
    private async Task<bool> WaitOrAbandonAsync(Task<TaskResult> work, CancellationToken cancellation)
    {
        var abandonTimer = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var grace = _options.AbandonGracePeriod;
        using (cancellation.Register(() => abandonTimer.TrySetResult(Task.Delay(grace, _time))))
        {
            var first = await Task.WhenAny(work, abandonTimer.Task).ConfigureAwait(false);
            if (first == work)
            {
                return false;
            }
            var graceDelay = await abandonTimer.Task.ConfigureAwait(false);
            return await Task.WhenAny(work, graceDelay).ConfigureAwait(false) != work;
        }
    }

    private (RunStatus Status, string? Reason, RunError? Error) Classify(TaskResult? result, Exception? failure, bool abandoned, ActiveRun active, TimeSpan? timeout)
    {
        if (result is not null)
        {
            return result.Succeeded
                ? (RunStatus.Succeeded, null, null)
                : (RunStatus.Failed, null, new RunError(result.ErrorType ?? "TaskFailed", result.Error ?? "the task reported failure", null));
        }
        var abandonNote = abandoned ? $"; the task ignored cancellation and was abandoned after {_options.AbandonGracePeriod.TotalSeconds:0.###} s" : "";
        if (abandoned || failure is OperationCanceledException)
        {
            switch (active.Reason)
            {
                case CancelReason.Timeout when timeout is { } t:
                    return (RunStatus.TimedOut, $"timed out after {t.TotalSeconds:0.###} s{abandonNote}", null);
                case CancelReason.Request:
                    return (RunStatus.Cancelled, "cancelled on request" + abandonNote, null);
                case CancelReason.Shutdown:
                    return (RunStatus.Interrupted, "interrupted by shutdown" + abandonNote, null);
            }
        }
        var error = failure ?? new InvalidOperationException("the task ended without a result");
        return (RunStatus.Failed, null, new RunError(error.GetType().FullName ?? error.GetType().Name, error.Message, error.StackTrace));
    }

    /// <summary>The retry a failed or timed-out run of a job earns while attempts remain (also while stopping: it is stored and owed after the next start).</summary>
    private (RunRequest Request, DateTimeOffset DueAt)? PlanRetry(RunRequest request, RunStatus status, DateTimeOffset finishedAt)
    {
        if (status is not (RunStatus.Failed or RunStatus.TimedOut) || request.Job is not { } job || ScheduleRetry is null)
        {
            return null;
        }
        var policy = job.Options.Retry;
        if (request.Attempt >= policy.MaxAttempts)
        {
            return null;
        }
        var due = RetryDueAt(finishedAt + policy.DelayAfter(request.Attempt, _random));
        return (request with
        {
            RunId = RunIds.New(_time),
            Trigger = RunTrigger.Retry,
            Attempt = request.Attempt + 1,
            RetryOf = request.RetryOf ?? request.RunId,
            SlotTaken = false,
        }, due);
    }

    /// <summary>Why a retry is recorded skipped instead of run.</summary>
    internal const string RetryDroppedReason = "the job was paused or removed before this retry was due";

    /// <summary>
    /// A retry's due time in whole milliseconds, rounded up (never early): what the store keeps, so a retry planned in
    /// memory and the one a restart reads back are due at the same instant.
    /// </summary>
    internal static DateTimeOffset RetryDueAt(DateTimeOffset instant) =>
        DateTimeOffset.FromUnixTimeMilliseconds((instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond);

    private void ObserveAbandoned(Task work, string runId) =>
        work.ContinueWith(t => LogAbandonedEnded(t.Exception?.GetBaseException(), runId), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>A record for a run that ends without executing its task (skipped, missed, interrupted before start).</summary>
    internal RunRecord Terminal(RunRequest request, RunStatus status, string? reason) =>
        Terminal(request.RunId, request.Job, request.TaskId, request.Trigger, request.ScheduledAt, status, reason, request.TriggerEvent?.Id) with
        {
            Attempt = request.Attempt,
            RetryOf = request.RetryOf,
        };

    internal RunRecord Terminal(string runId, ScheduledJob? job, string taskId, RunTrigger trigger, DateTimeOffset scheduledAt, RunStatus status, string? reason, string? triggerEventId) =>
        new()
        {
            RunId = runId,
            JobId = job?.JobId,
            TaskId = taskId,
            Trigger = trigger,
            ScheduledAt = scheduledAt,
            FinishedAt = _time.GetUtcNow(),
            Status = status,
            Reason = reason,
            Node = _options.NodeId,
            TriggerEventId = triggerEventId,
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "The engine failed while executing run {RunId}")]
    private partial void LogExecutorFault(Exception ex, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abandoned run {RunId} finally ended")]
    private partial void LogAbandonedEnded(Exception? ex, string runId);
}
