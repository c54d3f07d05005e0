using Kairos.Events.Subscriptions;

namespace Kairos.Events;

/// <summary>
/// Counters of the event bus since it was created, plus current queue depths. Plain interlocked counters so
/// the hot path pays one atomic add; the host exports a <see cref="Snapshot"/> to Prometheus.
/// </summary>
public sealed class EventBusMetrics
{
    private readonly Func<int> _pendingPublishes;
    private readonly Func<IReadOnlyList<SubscriberQueue>> _queues;
    private long _published;
    private long _commits;
    private long _publishFailures;
    private long _transientDispatched;
    private long _transientDropped;
    private long _dispatched;
    private long _handlerFailures;
    private long _handlerRetries;
    private long _givenUp;
    private long _catchUps;

    internal EventBusMetrics(Func<int> pendingPublishes, Func<IReadOnlyList<SubscriberQueue>> queues)
    {
        _pendingPublishes = pendingPublishes;
        _queues = queues;
    }

    /// <summary>Events made durable in the event log.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Events whose write to the log failed (their publishers got the error).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>Live-only events dispatched without being written (run.started, run.succeeded).</summary>
    public long TransientDispatched => Interlocked.Read(ref _transientDispatched);

    /// <summary>Transient events a full or lagging subscriber queue could not take.</summary>
    public long TransientDropped => Interlocked.Read(ref _transientDropped);

    /// <summary>Deliveries of an event to a subscription's handler (once per event and subscription, whatever the outcome).</summary>
    public long Dispatched => Interlocked.Read(ref _dispatched);

    /// <summary>Handler calls that threw.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    /// <summary>Handler calls repeated after a failure.</summary>
    public long HandlerRetries => Interlocked.Read(ref _handlerRetries);

    /// <summary>Events a handler failed on every attempt; they were logged and skipped.</summary>
    public long GivenUp => Interlocked.Read(ref _givenUp);

    /// <summary>Times a subscriber's queue overflowed and it switched to catching up from the event log.</summary>
    public long SubscriberCatchUps => Interlocked.Read(ref _catchUps);

    /// <summary>Group commits that stored events; <see cref="Published"/> ÷ this is the events per durable write.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Publishes waiting for the group commit.</summary>
    public int PendingPublishes => _pendingPublishes();

    /// <summary>A consistent-enough copy of every counter and the depth of each subscriber queue.</summary>
    public EventBusMetricsSnapshot Snapshot() => new()
    {
        Published = Published,
        PublishFailures = PublishFailures,
        TransientDispatched = TransientDispatched,
        TransientDropped = TransientDropped,
        Dispatched = Dispatched,
        HandlerFailures = HandlerFailures,
        HandlerRetries = HandlerRetries,
        GivenUp = GivenUp,
        SubscriberCatchUps = SubscriberCatchUps,
        PendingPublishes = PendingPublishes,
        Queues = [.. _queues().Select(q => new SubscriberQueueSnapshot(q.Name, q.Pattern?.Text, q.Count, q.Capacity, q.IsLagging))],
    };

    internal void AddPublished(int count)
    {
        Interlocked.Add(ref _published, count);
        Interlocked.Increment(ref _commits);
    }
    internal void AddPublishFailures(int count) => Interlocked.Add(ref _publishFailures, count);
    internal void TransientDispatchedOne() => Interlocked.Increment(ref _transientDispatched);
    internal void TransientDroppedOne() => Interlocked.Increment(ref _transientDropped);
    internal void DispatchedOne() => Interlocked.Increment(ref _dispatched);
    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);
    internal void HandlerRetried() => Interlocked.Increment(ref _handlerRetries);
    internal void GaveUp() => Interlocked.Increment(ref _givenUp);
    internal void CatchUpStarted() => Interlocked.Increment(ref _catchUps);
}

/// <summary>A copy of <see cref="EventBusMetrics"/> at one moment.</summary>
public sealed record EventBusMetricsSnapshot
{
    public long Published { get; init; }
    public long PublishFailures { get; init; }
    public long TransientDispatched { get; init; }
    public long TransientDropped { get; init; }
    public long Dispatched { get; init; }
    public long HandlerFailures { get; init; }
    public long HandlerRetries { get; init; }
    public long GivenUp { get; init; }
    public long SubscriberCatchUps { get; init; }
    public int PendingPublishes { get; init; }
    public IReadOnlyList<SubscriberQueueSnapshot> Queues { get; init; } = [];
}

/// <summary>One subscriber queue (a subscription or a stream): its depth and whether it is catching up from the log.</summary>
public sealed record SubscriberQueueSnapshot(string Name, string? Pattern, int Depth, int Capacity, bool Lagging);
