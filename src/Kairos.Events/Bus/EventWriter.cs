using System.Threading.Channels;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;
using Microsoft.Extensions.Logging;

namespace Kairos.Events.Bus;

/// <summary>
/// The group commit: publishers enqueue, one loop takes whatever is waiting (up to the batch size),
/// appends it in one log transaction, dispatches the batch in sequence order and then completes every
/// publisher. Under load a commit carries many events, which is what makes durable publishing fast.
/// </summary>
/// <remarks>
/// The queue is unbounded because every publisher awaits durability: its length is bounded by the number
/// of concurrent publishers (see <see cref="EventBusMetrics.PendingPublishes"/>).
/// </remarks>
internal sealed class EventWriter(IEventLog log, Dispatcher dispatcher, EventBusMetrics metrics, ILogger logger, int maxBatch)
{
    private readonly Channel<PendingPublish> _pending = Channel.CreateUnbounded<PendingPublish>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    // The single-reader channel cannot count its items, so the writer keeps the count for the metrics.
    private int _pendingCount;

    public int PendingCount => Volatile.Read(ref _pendingCount);

    public bool TryEnqueue(PendingPublish publish)
    {
        var pending = Interlocked.Increment(ref _pendingCount);
        if (_pending.Writer.TryWrite(publish))
        {
            if (pending >= Volatile.Read(ref _gatherTarget))
            {
                Volatile.Read(ref _gathered)?.TrySetResult();
            }
            return true;
        }
        Interlocked.Decrement(ref _pendingCount);
        return false;
    }

    /// <summary>No more publishes; <see cref="RunAsync"/> ends once it has written what is queued.</summary>
    public void Complete() => _pending.Writer.TryComplete();

    public async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<PendingPublish>(maxBatch);
        var records = new List<EventRecord>(maxBatch);
        var events = new List<KairosEvent>(maxBatch);
        var reader = _pending.Reader;
        var released = 0;
        try
        {
            while (await reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                await GatherAsync(released).ConfigureAwait(false);
                while (batch.Count < maxBatch && reader.TryRead(out var publish))
                {
                    Interlocked.Decrement(ref _pendingCount);
                    if (publish.CancellationToken.IsCancellationRequested)
                    {
                        publish.TrySetCanceled(publish.CancellationToken);
                        continue;
                    }
                    batch.Add(publish);
                    records.Add(publish.Record);
                }
                if (batch.Count > 0)
                {
                    await CommitAsync(batch, records, events, abort).ConfigureAwait(false);
                }
                released = batch.Count;
                batch.Clear();
                records.Clear();
                events.Clear();
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Stopped without waiting: what is still queued is refused below.
        }
        catch (Exception ex)
        {
            logger.WriterFailed(ex);
            foreach (var publish in batch)
            {
                publish.TrySetException(ex);
            }
        }
        Complete();
        while (reader.TryRead(out var publish))
        {
            Interlocked.Decrement(ref _pendingCount);
            publish.TrySetException(new InvalidOperationException("The event bus stopped before the event was written."));
        }
    }

    /// <summary>The longest a commit waits for publishers the previous commit released to publish again.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(1);

    // The gathering commit's target (how many publishes it waits for) and its signal, set by the publish that meets it.
    private int _gatherTarget = int.MaxValue;
    private TaskCompletionSource? _gathered;

    /// <summary>
    /// Group commit's other half: the publishers the previous commit released usually publish again within
    /// microseconds, but the first of them wakes this loop alone. Committing at once would write one event and make
    /// the rest wait a whole commit (an fsync); instead the loop waits until as many publishes are queued as it
    /// released (signalled by the publish that completes the set), never longer than <see cref="GatherWindow"/>,
    /// so one fsync carries them all.
    /// </summary>
    private async ValueTask GatherAsync(int released)
    {
        if (released <= 1 || PendingCount >= released)
        {
            return;
        }
        var gathered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _gathered, gathered);
        Volatile.Write(ref _gatherTarget, released);
        try
        {
            if (PendingCount >= released)
            {
                return; // met between the first check and the signal being armed
            }
            using var window = new CancellationTokenSource();
            var timeout = Task.Delay(GatherWindow, window.Token);
            await Task.WhenAny(gathered.Task, timeout).ConfigureAwait(false);
            await window.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _gatherTarget, int.MaxValue);
            Volatile.Write(ref _gathered, null);
        }
    }

    /// <summary>Refuses everything queued when the bus stops without ever having started.</summary>
    public void FailPending()
    {
        Complete();
        while (_pending.Reader.TryRead(out var publish))
        {
            Interlocked.Decrement(ref _pendingCount);
            publish.TrySetException(new InvalidOperationException("The event bus stopped before it was started; the event was not written."));
        }
    }

    private async Task CommitAsync(List<PendingPublish> batch, List<EventRecord> records, List<KairosEvent> events, CancellationToken abort)
    {
        IReadOnlyList<EventRecord> stored;
        try
        {
            stored = await log.AppendAsync(records, abort).ConfigureAwait(false);
            if (stored.Count != batch.Count)
            {
                throw new InvalidOperationException($"The event log returned {stored.Count} records for {batch.Count} appended events.");
            }
        }
        catch (Exception ex)
        {
            metrics.AddPublishFailures(batch.Count);
            logger.AppendFailed(ex, batch.Count);
            foreach (var publish in batch)
            {
                if (ex is OperationCanceledException && abort.IsCancellationRequested)
                {
                    publish.TrySetCanceled(abort);
                }
                else
                {
                    publish.TrySetException(ex);
                }
            }
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var record = stored[i];
            events.Add(string.Equals(record.Id, batch[i].Record.Id, StringComparison.Ordinal) && record.Sequence > 0
                ? batch[i].ToEvent(record)
                : EventMapping.ToEvent(record));
        }
        metrics.AddPublished(batch.Count);

        // Dispatch before releasing publishers: once PublishAsync returns, the event is already queued for
        // every subscriber, so a transient event the caller dispatches next cannot overtake it.
        dispatcher.DispatchPersisted(events);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].TrySetResult(events[i]);
        }
    }
}
