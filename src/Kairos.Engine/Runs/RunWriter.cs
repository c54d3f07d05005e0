using System.Diagnostics;
using System.Threading.Channels;
using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Runs;

/// <summary>
/// The single writer of run records. Records arrive through a bounded queue and are written in batched
/// transactions, so thousands of runs per second persist without holding up firing. When the queue is full,
/// the producer waits (counted in <see cref="Waits"/>): a record is never dropped. After each commit the
/// <see cref="Committed"/> callback sees the batch in arrival order (lifecycle events, waiters, last-run cache).
/// </summary>
/// <remarks>
/// Two loops form a pipeline: the write loop commits batch after batch, and a second loop runs
/// <see cref="Committed"/> for each committed batch, in commit order. The next transaction is written while the
/// previous batch's callbacks (lifecycle events, waiters) run, so on a machine with two cores or more neither waits
/// for the other; a bounded hand-over of <see cref="CommittedBacklog"/> batches keeps the write loop from running away.
/// Window of loss: a run start still in the queue when the process dies (at most one batch, typically
/// well under 100 ms) never reaches the store, so it cannot become <c>interrupted</c> at the next start.
/// Tasks cover that window with <c>TaskContext.IdempotencyKey</c>.
/// </remarks>
public sealed partial class RunWriter : IAsyncDisposable
{
    /// <summary>Committed batches waiting for their callbacks before the write loop waits too.</summary>
    public const int CommittedBacklog = 4;

    private readonly Channel<QueuedRun> _queue;
    private readonly Channel<CommittedRuns> _committed = Channel.CreateBounded<CommittedRuns>(new BoundedChannelOptions(CommittedBacklog)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly IRunStore _store;
    private readonly ILogger<RunWriter> _logger;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private readonly bool _persist;
    private readonly TimeSpan _commitInterval;
    private Task? _loop;
    private Task? _callbacks;
    private long _waits;
    private long _written;
    private long _batches;
    // Armed by WhenQuietAsync while records wait; completed and cleared by the write loop once its queue is empty.
    private TaskCompletionSource? _quiet;

    public RunWriter(IRunStore store, TimeProvider time, ILogger<RunWriter> logger, int capacity = 100_000, int batchSize = 5_000, bool persist = true,
        TimeSpan commitInterval = default)
    {
        _commitInterval = commitInterval;
        _store = store;
        _time = time;
        _logger = logger;
        _batchSize = batchSize;
        _persist = persist;
        _queue = Channel.CreateBounded<QueuedRun>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Called after each committed batch, in order. Exceptions are logged, never stop the writer.</summary>
    public Func<CommittedRuns, ValueTask>? Committed { get; set; }

    /// <summary>Records waiting to be written.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>How often a producer had to wait for room in the queue.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Records written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Transactions committed since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }
        _callbacks = Task.Run(() => RunCallbacksAsync(CancellationToken.None));
        _loop = Task.Run(() => RunAsync(CancellationToken.None));
    }

    /// <summary>
    /// Completes once nothing waits to be written (at once when the queue is empty, else after the commit that empties
    /// it). Lower-priority bookkeeping writes wait for it so that they do not hold up run records in a burst.
    /// </summary>
    public Task WhenQuietAsync()
    {
        if (_queue.Reader.Count == 0)
        {
            return Task.CompletedTask;
        }
        var quiet = Volatile.Read(ref _quiet);
        if (quiet is null)
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            quiet = Interlocked.CompareExchange(ref _quiet, created, null) ?? created;
        }
        // Checked again once armed: the write loop may have emptied the queue in between (and found no signal).
        // Cleared as the loop clears it, so that a later wait does not find a signal that already fired.
        if (_queue.Reader.Count == 0 || _queue.Reader.Completion.IsCompleted)
        {
            Interlocked.CompareExchange(ref _quiet, null, quiet);
            quiet.TrySetResult();
        }
        return quiet.Task;
    }

    private void SignalIfQuiet()
    {
        if (_queue.Reader.Count == 0)
        {
            Interlocked.Exchange(ref _quiet, null)?.TrySetResult();
        }
    }

    /// <summary>Queues a record; waits when the queue is full.</summary>
    public ValueTask WriteAsync(RunRecord record, CancellationToken cancellationToken = default) => WriteAsync(record, null, cancellationToken);

    /// <summary>
    /// Queues a record together with its job's last-run summary, which is handed to <see cref="Committed"/> with the
    /// record so that the commit callback need not look the job up again; waits when the queue is full.
    /// </summary>
    public ValueTask WriteAsync(RunRecord record, LastRunSummary? lastRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var queued = new QueuedRun(record, lastRun);
        if (_queue.Writer.TryWrite(queued))
        {
            return ValueTask.CompletedTask;
        }
        Interlocked.Increment(ref _waits);
        return _queue.Writer.WriteAsync(queued, cancellationToken);
    }

    /// <summary>Stops accepting records and returns once everything queued is committed and its callbacks have run.</summary>
    public async Task FlushAndStopAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _committed.Writer.TryComplete();
        if (_callbacks is not null)
        {
            await _callbacks.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var latestIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var toStore = new List<RunRecord>(_batchSize);
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // New lists per batch: the callback loop still reads the previous batch while this one is written.
            var capacity = Math.Min(_batchSize, Math.Max(16, _queue.Reader.Count));
            var batch = new CommittedRuns(capacity);
            var starts = 0;
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued.Record, queued.LastRun);
                if (queued.Record.Status == RunStatus.Running)
                {
                    starts++;
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }

            // A run that started and ended within one batch is written once, in its final form. Only a batch holding
            // a start can hold two records of one run; most hold none (a run that ends within its call records no
            // start), and their records go to the store as they are, without a look-up per record.
            List<RunRecord> records;
            if (starts == 0)
            {
                records = batch.RecordList;
            }
            else
            {
                toStore.Clear();
                latestIndex.Clear();
                foreach (var record in batch.RecordList)
                {
                    if (latestIndex.TryGetValue(record.RunId, out var index))
                    {
                        toStore[index] = record;
                    }
                    else
                    {
                        latestIndex[record.RunId] = toStore.Count;
                        toStore.Add(record);
                    }
                }
                records = toStore;
            }

            var commitStarted = Stopwatch.GetTimestamp();
            if (_persist)
            {
                await WriteWithRetryAsync(records).ConfigureAwait(false);
            }
            Interlocked.Add(ref _written, records.Count);
            Interlocked.Increment(ref _batches);
            await _committed.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            SignalIfQuiet();
            await PaceAsync(commitStarted).ConfigureAwait(false);
        }
        Interlocked.Exchange(ref _quiet, null)?.TrySetResult();
    }

    /// <summary>
    /// While records keep coming, the next commit waits until the commit interval has passed since this one began, so
    /// records gather into fewer durable transactions. A full batch waiting, or a stop, skips the wait. Real (not
    /// scheduler) time: this paces disk writes, it is not a schedule.
    /// </summary>
    private async Task PaceAsync(long commitStarted)
    {
        if (_commitInterval <= TimeSpan.Zero || _queue.Reader.Completion.IsCompleted)
        {
            return;
        }
        var remaining = _commitInterval - Stopwatch.GetElapsedTime(commitStarted);
        if (remaining >= TimeSpan.FromMilliseconds(1) && _queue.Reader.Count < _batchSize)
        {
            await Task.Delay(remaining).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <see cref="Committed"/> for each committed batch, in commit order.</summary>
    private async Task RunCallbacksAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _committed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Committed is not { } committed)
            {
                continue;
            }
            try
            {
                await committed(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogCallbackFailed(ex);
            }
        }
    }

    // A failed write is retried until it succeeds: dropping a record would lose acknowledged history.
    private async Task WriteWithRetryAsync(List<RunRecord> records)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await _store.WriteBatchAsync(records).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex, records.Count, delay.TotalMilliseconds);
                await Task.Delay(delay, _time).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
            }
        }
    }

    public async ValueTask DisposeAsync() => await FlushAndStopAsync().ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} run records failed; retrying in {DelayMs} ms")]
    private partial void LogWriteFailed(Exception ex, int count, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run commit callback failed")]
    private partial void LogCallbackFailed(Exception ex);
}
