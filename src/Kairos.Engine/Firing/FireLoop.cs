using System.Threading.Channels;
using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Firing;

/// <summary>
/// The schedule index: a priority queue on due time and one timer. The loop pops every due entry, applies the
/// misfire rules (coalesce, misfire_grace_time) exactly as APScheduler 3 does, hands runs to the executor and
/// queues each job's next fire. Fires the rules drop are recorded as one <c>missed</c> run with their count.
/// </summary>
public sealed partial class FireLoop
{
    /// <summary>Without coalescing, at most this many overdue fires of one job are run individually; the rest are recorded missed.</summary>
    public const int MaxUncoalescedBacklog = 1_000;

    private const long MinimumWaitTicks = TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// The shortest wait while fires are dense (the last wake-up found at least <see cref="DenseWakeFires"/> due). Every
    /// wake-up costs a fixed amount of CPU whatever it fires (the timer thread, a pool thread, the run drainers waking
    /// and spinning down again); waking every 2 ms instead of every millisecond under 100,000 fires a second measured
    /// 0.3–0.8 µs less CPU per fire, for up to one more millisecond of lag. Sparse fires keep millisecond precision.
    /// </summary>
    private const long DenseMinimumWaitTicks = 2 * TimeSpan.TicksPerMillisecond;

    /// <summary>Fires handled by one wake-up from which the fires count as dense (32,000 a second and more at 1 ms).</summary>
    private const int DenseWakeFires = 32;

    private static readonly long MaximumWaitTicks = PreciseDelay.MaximumDelay.Ticks;

    /// <summary>Most due entries taken from the queue at once.</summary>
    private const int DueSlice = 1_024;

    private readonly PriorityQueue<FireEntry, long> _queue = new();
    private readonly Lock _lock = new();
    private readonly WakeSignal _signal = new();
    private readonly JobIndex _index;
    private readonly RunExecutor _executor;
    private readonly RunWriter _writer;
    private readonly TimeProvider _time;
    private readonly ILogger<FireLoop> _logger;
    private readonly Random _random;
    // Jobs whose schedule ended, handed to JobsFinished in batches off the loop (see RunAsync).
    private readonly Channel<ScheduledJob> _finished = Channel.CreateUnbounded<ScheduledJob>(new UnboundedChannelOptions { SingleReader = true });
    private long _nextWakeTicks = long.MaxValue;
    private long _fires;

    public FireLoop(JobIndex index, RunExecutor executor, RunWriter writer, TimeProvider time, ILogger<FireLoop> logger, Random? random = null)
    {
        _index = index;
        _executor = executor;
        _writer = writer;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared;
        executor.ScheduleRetry = EnqueueRetry;
    }

    /// <summary>Most jobs handed to <see cref="JobsFinished"/> in one call.</summary>
    public const int FinishedBatchSize = 1_000;

    /// <summary>The longest ended jobs wait for the run writer to catch up before they are handed over.</summary>
    public static readonly TimeSpan FinishedMaxDeferral = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Called off the loop when jobs' schedules have no further fire, with the jobs that ended since the last call
    /// (in the order they ended, one call at a time). Each call stores its jobs in one transaction: 100,000 one-off
    /// jobs due together must neither block the loop nor cost a durable commit each.
    /// </summary>
    /// <remarks>
    /// The hand-over first waits (at most <see cref="FinishedMaxDeferral"/>) until the run writer has nothing queued,
    /// then passes on everything that ended meanwhile: in a burst, the run records go to the store first and the state
    /// rows follow. Nothing is lost by waiting: each run record carries the fire, and a start finishes a job stored as
    /// scheduled with no fire left.
    /// </remarks>
    public Func<IReadOnlyList<ScheduledJob>, Task>? JobsFinished { get; set; }

    /// <summary>Called for every fire handed to the executor with its lag (actual − scheduled).</summary>
    public Action<TimeSpan>? FireLag { get; set; }

    /// <summary>Fires handled since start.</summary>
    public long Fires => Interlocked.Read(ref _fires);

    /// <summary>Entries waiting in the queue.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues the job's next fire (its <see cref="ScheduledJob.NextFireTime"/>).</summary>
    public void Schedule(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.NextFireTime is not { } fireTime)
        {
            return;
        }
        Enqueue(new FireEntry(job, fireTime, null), DueAt(job, fireTime));
    }

    /// <summary>Queues many jobs at once (start-up).</summary>
    public void ScheduleMany(IEnumerable<ScheduledJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        lock (_lock)
        {
            // Grown once: at 100,000 jobs each doubling left a large-object-heap array behind (5 MB in all), which
            // only a full collection returns.
            if (jobs.TryGetNonEnumeratedCount(out var count))
            {
                _queue.EnsureCapacity(_queue.Count + count);
            }
            foreach (var job in jobs)
            {
                if (job.NextFireTime is { } fireTime)
                {
                    _queue.Enqueue(new FireEntry(job, fireTime, null), DueAt(job, fireTime).UtcTicks);
                }
            }
        }
        _signal.Set();
    }

    private void EnqueueRetry(RunRequest retry, DateTimeOffset dueAt) => Enqueue(new FireEntry(null, dueAt, retry), dueAt);

    private void Enqueue(FireEntry entry, DateTimeOffset dueAt)
    {
        var ticks = dueAt.UtcTicks;
        lock (_lock)
        {
            _queue.Enqueue(entry, ticks);
        }
        if (ticks < Interlocked.Read(ref _nextWakeTicks))
        {
            _signal.Set();
        }
    }

    private DateTimeOffset DueAt(ScheduledJob job, DateTimeOffset fireTime) =>
        job.Schedule.Jitter > TimeSpan.Zero ? fireTime + job.Schedule.Jitter * _random.NextDouble() : fireTime;

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Like the per-job calls it replaces, the hand-over is not awaited: stopping never waits for it.
        _ = Task.Run(RunFinishedAsync, CancellationToken.None);
        try
        {
            await RunLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Jobs already ended are still handed over; the drain stops once the queue is empty.
            _finished.Writer.TryComplete();
        }
    }

    /// <summary>Ends when <see cref="RunAsync"/> completes the queue on its way out; a job that ended before is still marked finished.</summary>
    private async Task RunFinishedAsync()
    {
        var batch = new List<ScheduledJob>();
        while (await _finished.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await WhenRunRecordsWrittenAsync().ConfigureAwait(false);
            // Everything that ended up to now, in batches, without waiting again in between.
            while (_finished.Reader.TryRead(out var job))
            {
                batch.Add(job);
                if (batch.Count == FinishedBatchSize)
                {
                    await HandOverAsync(batch).ConfigureAwait(false);
                }
            }
            await HandOverAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task WhenRunRecordsWrittenAsync()
    {
        var quiet = _writer.WhenQuietAsync();
        if (quiet.IsCompleted)
        {
            return;
        }
        // Real time, not scheduler time: this orders disk writes, it is not a schedule.
        using var deferral = new CancellationTokenSource();
        await Task.WhenAny(quiet, Task.Delay(FinishedMaxDeferral, deferral.Token)).ConfigureAwait(false);
        await deferral.CancelAsync().ConfigureAwait(false);
    }

    private async Task HandOverAsync(List<ScheduledJob> batch)
    {
        if (batch.Count == 0 || JobsFinished is not { } finished)
        {
            batch.Clear();
            return;
        }
        try
        {
            await finished(batch.ToArray()).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFinishFailed(ex, batch.Count);
        }
        batch.Clear();
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var due = new List<FireEntry>(256);
        // Only the real clock can be waited on precisely; a test's fake clock is advanced through its timers.
        using var precise = ReferenceEquals(_time, TimeProvider.System) ? new PreciseDelay() : null;
        await using var wakeOnStop = cancellationToken.Register(_signal.Set).ConfigureAwait(false);
        var handledLastWake = 0;
        while (true)
        {
            _signal.Reset();
            // Checked after the reset: a stop that set the signal before it would otherwise wait out the delay.
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            var now = _time.GetUtcNow();
            long nextTicks;
            due.Clear();
            lock (_lock)
            {
                // In slices: when 100,000 fires fall due together, the first runs start while the rest wait in the queue.
                while (due.Count < DueSlice && _queue.TryPeek(out var entry, out var ticks) && ticks <= now.UtcTicks)
                {
                    _queue.Dequeue();
                    due.Add(entry);
                }
                nextTicks = _queue.TryPeek(out _, out var t) ? t : long.MaxValue;
                if (due.Count == 0)
                {
                    // Published under the queue's lock: a fire queued after this lock is released compares against
                    // the wait about to begin and wakes it when earlier. Published after the lock (as before), a fire
                    // queued in between saw "busy" (long.MinValue), did not wake the loop, and waited for whatever
                    // was next before it.
                    Volatile.Write(ref _nextWakeTicks, nextTicks);
                }
            }

            if (due.Count > 0)
            {
                handledLastWake += due.Count;
                foreach (var entry in due)
                {
                    try
                    {
                        await HandleAsync(entry, now).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        LogFireFailed(ex, entry.Job?.JobId ?? entry.Retry?.RunId ?? "?");
                    }
                }
                if (due.Count == DueSlice)
                {
                    // More are due: let the pool's other work (run writer, drainers' turns) go first, slice by slice.
                    await Task.Yield();
                }
                continue;
            }

            var waitTicks = WaitTicks(nextTicks - now.UtcTicks, handledLastWake);
            handledLastWake = 0;
            try
            {
                if (nextTicks == long.MaxValue)
                {
                    await _signal.WaitAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var delay = TimeSpan.FromTicks(waitTicks);
                    if (precise is not null)
                    {
                        // Stopping sets the signal (registered above), so no linked cancellation per wait.
                        await Task.WhenAny(_signal.WaitAsync(), precise.DelayAsync(delay)).ConfigureAwait(false);
                        continue;
                    }
                    using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var elapsed = Task.Delay(delay, _time, delayCts.Token);
                    // The delay counts from when its timer was made, the wait from the instant read above: a clock
                    // that jumped in between (a test's fake clock advanced by another thread) would put the timer
                    // past the fire, which would then wait for the clock's next move.
                    if (_time.GetUtcNow().UtcTicks < nextTicks)
                    {
                        await Task.WhenAny(_signal.WaitAsync(), elapsed).ConfigureAwait(false);
                    }
                    await delayCts.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            finally
            {
                Interlocked.Exchange(ref _nextWakeTicks, long.MinValue);
            }
        }
    }

    /// <summary>
    /// How long the loop waits for a next fire <paramref name="untilNextTicks"/> away, after a wake-up that handled
    /// <paramref name="handledLastWake"/> fires. Timers tick in whole milliseconds: a shorter delay completes at once and
    /// the loop would spin a core between fires that fall due fractions of a millisecond apart; while fires are dense the
    /// floor is <see cref="DenseMinimumWaitTicks"/>. Capped: a timer cannot hold more than ~49 days, and a next fire a
    /// year away is a valid schedule.
    /// </summary>
    internal static long WaitTicks(long untilNextTicks, int handledLastWake) =>
        Math.Clamp(untilNextTicks, handledLastWake >= DenseWakeFires ? DenseMinimumWaitTicks : MinimumWaitTicks, MaximumWaitTicks);

    private async ValueTask HandleAsync(FireEntry entry, DateTimeOffset now)
    {
        if (entry.Retry is { } retry)
        {
            // A retry whose job was removed or paused meanwhile is dropped with the job, and recorded as skipped: its
            // failed run planned it, and a retry without a record would be owed again after a restart.
            if (retry.Job is null || _index.TryGet(retry.Job.JobId, out var current) && current.Record.State != JobState.Paused)
            {
                _executor.Submit(retry with { Job = retry.Job is null ? null : _index.TryGet(retry.Job.JobId, out var latest) ? latest : retry.Job });
            }
            else
            {
                await _writer.WriteAsync(_executor.Terminal(retry, RunStatus.Skipped, RunExecutor.RetryDroppedReason), retry.Job.LastRun).ConfigureAwait(false);
            }
            return;
        }

        var job = entry.Job!;
        if (job.IsRetired || job.Record.State != JobState.Scheduled)
        {
            return; // changed, paused or removed since this fire was queued
        }

        var fire = entry.FireTime;
        var next = job.Schedule.GetNextFireTime(fire);
        DateTimeOffset? last;
        if (next is null || next > now)
        {
            await FireOrMissAsync(job, fire, now).ConfigureAwait(false);
            last = fire;
        }
        else
        {
            last = await HandleBacklogAsync(job, fire, now).ConfigureAwait(false);
            next = last is { } l ? job.Schedule.GetNextFireTime(l) : null;
        }

        job.NextFireTime = next;
        if (next is not null)
        {
            Enqueue(new FireEntry(job, next.Value, null), DueAt(job, next.Value));
        }
        else if (JobsFinished is not null)
        {
            _finished.Writer.TryWrite(job);
        }
    }

    private async ValueTask FireOrMissAsync(ScheduledJob job, DateTimeOffset fire, DateTimeOffset now)
    {
        if (job.Options.MisfireGraceTimeSeconds is { } grace && now - fire > TimeSpan.FromSeconds(grace))
        {
            await RecordMissedAsync(job, new MissedFires(1, false, fire, fire), $"fire was {(now - fire).TotalSeconds:0.###} s late, beyond misfire_grace_time {grace} s").ConfigureAwait(false);
            return;
        }
        Interlocked.Increment(ref _fires);
        FireLag?.Invoke(_time.GetUtcNow() - fire);
        await _executor.SubmitFireAsync(job, fire).ConfigureAwait(false);
    }

    /// <summary>Several fires are overdue (downtime, a paused loop, a saturated machine). Returns the latest overdue fire.</summary>
    private async ValueTask<DateTimeOffset?> HandleBacklogAsync(ScheduledJob job, DateTimeOffset first, DateTimeOffset now)
    {
        var overdue = job.Schedule.CountFires(first, now, MissedFires.ExactLimit);
        if (overdue.Last is not { } latest)
        {
            return null;
        }
        var graceSeconds = job.Options.MisfireGraceTimeSeconds;
        var grace = graceSeconds is { } g ? TimeSpan.FromSeconds(g) : (TimeSpan?)null;
        var lowerBound = overdue.IsLowerBound;

        if (job.Options.Coalesce)
        {
            var latestRuns = grace is null || now - latest <= grace;
            var coalescedAway = latestRuns ? overdue.Count - 1 : overdue.Count;
            if (coalescedAway > 0)
            {
                var lastAway = latestRuns ? job.Schedule.CountFires(first, latest - TimeSpan.FromSeconds(1), MissedFires.ExactLimit).Last ?? first : latest;
                await RecordMissedAsync(job, new MissedFires(coalescedAway, lowerBound, first, lastAway),
                    latestRuns ? "coalesced: overdue fires were merged into one run for the latest" : $"overdue beyond misfire_grace_time {graceSeconds} s").ConfigureAwait(false);
            }
            if (latestRuns)
            {
                Interlocked.Increment(ref _fires);
                FireLag?.Invoke(_time.GetUtcNow() - latest);
                await _executor.SubmitFireAsync(job, latest).ConfigureAwait(false);
            }
            return latest;
        }

        // Without coalescing every overdue fire within the grace time runs on its own (APScheduler's rule).
        // Fires beyond the grace time, and beyond the latest MaxUncoalescedBacklog, are recorded as missed.
        var runFrom = grace is { } span ? now - span : DateTimeOffset.MinValue;
        var toRun = new Queue<DateTimeOffset>();
        long missedCount = 0;
        DateTimeOffset? missedFirst = null;
        DateTimeOffset? missedLast = null;
        long seen = 0;
        for (DateTimeOffset? cursor = first; cursor is { } c && c <= now; cursor = job.Schedule.GetNextFireTime(c))
        {
            if (++seen > MissedFires.ExactLimit)
            {
                lowerBound = true;
                break;
            }
            DateTimeOffset? dropped = null;
            if (c < runFrom)
            {
                dropped = c;
            }
            else
            {
                toRun.Enqueue(c);
                if (toRun.Count > MaxUncoalescedBacklog)
                {
                    dropped = toRun.Dequeue();
                }
            }
            if (dropped is { } d)
            {
                missedCount++;
                missedFirst ??= d;
                missedLast = d;
            }
        }
        if (missedCount > 0)
        {
            await RecordMissedAsync(job, new MissedFires(missedCount, lowerBound, missedFirst!.Value, missedLast!.Value),
                grace is null ? $"more than {MaxUncoalescedBacklog} overdue fires without coalescing" : $"overdue beyond misfire_grace_time {graceSeconds} s").ConfigureAwait(false);
        }
        foreach (var fire in toRun)
        {
            Interlocked.Increment(ref _fires);
            await _executor.SubmitFireAsync(job, fire).ConfigureAwait(false);
        }
        return latest;
    }

    private ValueTask RecordMissedAsync(ScheduledJob job, MissedFires missed, string reason) =>
        // ScheduledAt is the last missed fire, so recovery after a restart resumes after it.
        _writer.WriteAsync(_executor.Terminal(RunIds.New(_time), job, job.Record.TaskId, RunTrigger.Schedule, missed.LastScheduledAt, RunStatus.Missed, reason, null) with { Missed = missed }, job.LastRun);

    [LoggerMessage(Level = LogLevel.Error, Message = "Marking {Count} ended jobs finished failed")]
    private partial void LogFinishFailed(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a fire of {Id} failed")]
    private partial void LogFireFailed(Exception ex, string id);
}
