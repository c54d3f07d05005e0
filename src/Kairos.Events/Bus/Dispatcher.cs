using Kairos.Events.Subscriptions;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;
using Microsoft.Extensions.Logging;

namespace Kairos.Events.Bus;

/// <summary>
/// Fans events out to subscriber queues. One short lock serialises every dispatch (a whole committed
/// batch, or one transient event) so all queues see one global order, and makes the switch between
/// catching up from the log and receiving live events atomic. Dispatch never waits: a full queue is
/// marked lagging instead.
/// </summary>
internal sealed class Dispatcher(IEventLog log, TimeProvider time, EventBusMetrics metrics, ILogger logger, int catchUpPageSize)
{
    /// <summary>Distinct event types whose routes are remembered; beyond it the cache starts over.</summary>
    private const int MaxCachedRoutes = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SubscriberQueue[]> _routes = new(StringComparer.Ordinal);
    private SubscriberQueue[] _queues = [];
    private long _lastDispatched;
    private bool _started;
    private bool _completed;

    public IEventLog Log { get; } = log;
    public TimeProvider Time { get; } = time;
    public EventBusMetrics Metrics { get; } = metrics;
    public ILogger Logger { get; } = logger;
    public int CatchUpPageSize { get; } = catchUpPageSize;

    public IReadOnlyList<SubscriberQueue> Queues => Volatile.Read(ref _queues);

    /// <summary>Called once the log's last sequence is known; queues added earlier start from there.</summary>
    public void Start(long lastSequence)
    {
        lock (_gate)
        {
            _lastDispatched = lastSequence;
            _started = true;
            foreach (var queue in _queues)
            {
                queue.Attach(lastSequence);
            }
        }
    }

    /// <summary>
    /// Registers a queue. With <paramref name="afterSequence"/> it first replays the log after that
    /// sequence, then receives live events; without it, only events dispatched from now on.
    /// </summary>
    public void Add(SubscriberQueue queue, long? afterSequence)
    {
        lock (_gate)
        {
            queue.Attach(_started ? _lastDispatched : 0, afterSequence);
            _queues = [.. _queues, queue];
            _routes.Clear();
            if (_completed)
            {
                queue.Complete();
            }
        }
    }

    public void Remove(SubscriberQueue queue)
    {
        lock (_gate)
        {
            _queues = [.. _queues.Where(q => !ReferenceEquals(q, queue))];
            _routes.Clear();
        }
        queue.Complete();
    }

    /// <summary>Dispatches a committed batch in sequence order.</summary>
    public void DispatchPersisted(List<KairosEvent> events)
    {
        lock (_gate)
        {
            foreach (var evt in events)
            {
                // A re-appended duplicate comes back with its old sequence: it was dispatched back then.
                if (evt.Sequence <= _lastDispatched)
                {
                    continue;
                }
                foreach (var queue in Route(evt.Type))
                {
                    queue.OfferPersisted(evt);
                }
                _lastDispatched = evt.Sequence;
            }
        }
    }

    public void DispatchTransient(KairosEvent evt)
    {
        lock (_gate)
        {
            if (_completed)
            {
                Metrics.TransientDroppedOne();
                return;
            }
            foreach (var queue in Route(evt.Type))
            {
                queue.OfferTransient(evt);
            }
        }
    }

    /// <summary>
    /// Lets a lagging queue take live events again when it has read everything dispatched so far.
    /// Events committed but dispatched only after this point reach it live; any of them it already
    /// read from the log are dropped by its sequence check.
    /// </summary>
    public bool TryRejoin(SubscriberQueue queue, long readThrough)
    {
        lock (_gate)
        {
            if (_lastDispatched > readThrough)
            {
                return false;
            }
            queue.Rejoin();
            return true;
        }
    }

    /// <summary>Stops dispatching; queues deliver what they hold (and catch up) and then end.</summary>
    public void CompleteAll()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var queue in _queues)
            {
                queue.Complete();
            }
        }
    }

    /// <summary>True when some subscriber or stream would receive an event of this type.</summary>
    public bool HasListeners(string type)
    {
        lock (_gate)
        {
            return Route(type).Length > 0;
        }
    }

    private SubscriberQueue[] Route(string type) => _routes.TryGetValue(type, out var route) ? route : AddRoute(type);

    // Apart from Route so that the lambda's closure is only allocated on a miss (C# allocates it on entry to the
    // method that captures): the engine asks for every run it records.
    private SubscriberQueue[] AddRoute(string type)
    {
        SubscriberQueue[] route = [.. _queues.Where(q => q.Matches(type))];
        if (_routes.Count >= MaxCachedRoutes)
        {
            _routes.Clear();
        }
        _routes[type] = route;
        return route;
    }
}
