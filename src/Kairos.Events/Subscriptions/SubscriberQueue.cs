using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Kairos.Events.Bus;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;

namespace Kairos.Events.Subscriptions;

/// <summary>
/// The bounded queue of one subscriber (a subscription or a stream) and the reader that turns it into an
/// ordered, gap-free sequence of events.
/// <para>
/// States: <b>live</b> — the dispatcher offers it every matching event. When a persisted event does not fit,
/// the queue becomes <b>lagging</b>: the dispatcher skips it for persisted events and drops transient ones.
/// The reader drains what is queued, then reads the log after the last sequence it delivered, filtered by
/// the pattern, until it has read everything dispatched; then it <b>rejoins</b> live under the dispatcher's
/// lock. Persisted events are never lost and stay in order; a persisted event met twice across the
/// switch-over is recognised by its sequence and skipped.
/// </para>
/// <para>
/// Transient events are dropped (and counted) on overflow rather than queued: they are not in the log, so
/// they could not be caught up, and their history lives in the runs table.
/// </para>
/// </summary>
internal sealed class SubscriberQueue
{
    /// <summary>Wakes a reader that must start catching up while its queue is empty.</summary>
    private static readonly KairosEvent WakeUp = new() { Id = "", Type = "", Source = "", Time = default };

    private readonly Channel<KairosEvent> _channel;
    private readonly Dispatcher _dispatcher;
    private long? _resumeAfter;
    private long _lastSequence;
    private bool _lagging;
    private volatile bool _closed;

    public SubscriberQueue(string name, TopicPattern? pattern, int capacity, Dispatcher dispatcher)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Name = name;
        Pattern = pattern;
        Capacity = capacity;
        _dispatcher = dispatcher;
        _channel = Channel.CreateBounded<KairosEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true, // every write happens under the dispatcher's lock
            FullMode = BoundedChannelFullMode.Wait, // TryWrite reports a full queue instead of dropping
        });
    }

    public string Name { get; }
    public TopicPattern? Pattern { get; }
    public int Capacity { get; }
    public int Count => _channel.Reader.Count;
    public bool IsLagging => Volatile.Read(ref _lagging);

    public bool Matches(string type) => Pattern is null || Pattern.Matches(type);

    /// <summary>Under the dispatcher's lock, when added.</summary>
    internal void Attach(long lastDispatched, long? afterSequence)
    {
        _resumeAfter = afterSequence;
        _lastSequence = afterSequence ?? lastDispatched;
        if (afterSequence < lastDispatched)
        {
            Volatile.Write(ref _lagging, true);
        }
    }

    /// <summary>Under the dispatcher's lock, when the bus starts after this queue was added.</summary>
    internal void Attach(long lastSequence)
    {
        if (_resumeAfter is not { } after)
        {
            _lastSequence = lastSequence;
        }
        else if (after < lastSequence && !Volatile.Read(ref _lagging))
        {
            Volatile.Write(ref _lagging, true);
            _channel.Writer.TryWrite(WakeUp);
        }
    }

    /// <summary>Under the dispatcher's lock.</summary>
    internal void OfferPersisted(KairosEvent evt)
    {
        if (_closed || Volatile.Read(ref _lagging))
        {
            return;
        }
        if (!_channel.Writer.TryWrite(evt))
        {
            Volatile.Write(ref _lagging, true);
            _dispatcher.Metrics.CatchUpStarted();
            _dispatcher.Logger.SubscriberLagging(Name, Capacity);
        }
    }

    /// <summary>Under the dispatcher's lock.</summary>
    internal void OfferTransient(KairosEvent evt)
    {
        if (_closed)
        {
            return;
        }
        // While lagging, a queued transient event would overtake the persisted events still to be read from the log.
        if (Volatile.Read(ref _lagging) || !_channel.Writer.TryWrite(evt))
        {
            _dispatcher.Metrics.TransientDroppedOne();
        }
    }

    internal void Rejoin() => Volatile.Write(ref _lagging, false);

    internal void Complete()
    {
        _closed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>
    /// Every event for this subscriber, in order, until the queue is completed (and caught up) or
    /// <paramref name="cancellationToken"/> fires. One reader only.
    /// </summary>
    public async IAsyncEnumerable<KairosEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (true)
        {
            while (reader.TryRead(out var evt))
            {
                if (ReferenceEquals(evt, WakeUp))
                {
                    continue;
                }
                if (evt.Sequence > 0)
                {
                    if (evt.Sequence <= _lastSequence)
                    {
                        continue; // already delivered from the log while catching up
                    }
                    _lastSequence = evt.Sequence;
                }
                yield return evt;
            }

            if (Volatile.Read(ref _lagging))
            {
                var records = await ReadLogAsync(_lastSequence, cancellationToken).ConfigureAwait(false);
                foreach (var record in records)
                {
                    _lastSequence = record.Sequence;
                    if (Matches(record.Type))
                    {
                        yield return EventMapping.ToEvent(record);
                    }
                }
                if (records.Count < _dispatcher.CatchUpPageSize)
                {
                    _dispatcher.TryRejoin(this, _lastSequence);
                }
                continue;
            }

            if (!await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && !Volatile.Read(ref _lagging))
            {
                yield break;
            }
        }
    }

    private async Task<IReadOnlyList<EventRecord>> ReadLogAsync(long afterSequence, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await _dispatcher.Log.ReadAfterAsync(afterSequence, _dispatcher.CatchUpPageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The log is the only place missed events live: keep trying rather than skip them.
                _dispatcher.Logger.CatchUpReadFailed(ex, Name);
                await Task.Delay(delay, _dispatcher.Time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
