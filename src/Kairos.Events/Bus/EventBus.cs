using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Kairos.Events.Bus;
using Kairos.Events.Subscriptions;
using Kairos.Sdk;
using Kairos.Sdk.Events;
using Kairos.Storage;
using Kairos.Storage.Events;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kairos.Events;

/// <summary>
/// The in-process event bus: publishes durably (group commit into the <see cref="IEventLog"/>), routes
/// events to subscribers by type pattern through bounded per-subscriber queues, streams them live, and
/// answers history queries.
/// </summary>
/// <remarks>
/// Lifecycle: created → <see cref="StartAsync"/> (reads the log's last sequence, starts the writer) →
/// <see cref="StopAsync"/> (refuses new publishes, writes and dispatches what is queued, lets every
/// subscriber drain and catch up) → <see cref="DisposeAsync"/>. Publishes made before start wait for it.
/// </remarks>
public sealed class EventBus : IEventSubscriber, IHostedService, IAsyncDisposable
{
    private readonly IEventLog _log;
    private readonly ILogger _logger;
    private readonly Dispatcher _dispatcher;
    private readonly EventWriter _writer;
    private readonly CancellationTokenSource _abort = new();
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _writerTask;
    private int _started;
    private int _stopping;

    public EventBus(IEventLog log, TimeProvider time, ILogger<EventBus> logger, EventBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options ?? new EventBusOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.DefaultQueueCapacity, 1);
        _log = log;
        _logger = logger;
        Time = time;
        Metrics = new EventBusMetrics(() => _writer!.PendingCount, () => _dispatcher!.Queues);
        _dispatcher = new Dispatcher(log, time, Metrics, logger, Options.MaxBatch);
        _writer = new EventWriter(log, _dispatcher, Metrics, logger, Options.MaxBatch);
    }

    public EventBusOptions Options { get; }

    public EventBusMetrics Metrics { get; }

    /// <summary>The bus's clock (event times, retry delays, stream heartbeats).</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts the writer loop. Call once, after the store is initialised.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The event bus is already started.");
        }
        var last = await _log.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false);
        _dispatcher.Start(last);
        _writerTask = Task.Run(() => _writer.RunAsync(_abort.Token), CancellationToken.None);
        _logger.Started(last);
    }

    /// <summary>
    /// Stops gracefully: new publishes are refused, queued ones are written and dispatched, and every
    /// subscriber delivers what it holds. When <paramref name="cancellationToken"/> fires, waiting stops:
    /// handlers see their token cancelled and unwritten publishes fail.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopCoreAsync(abortHandlers: false, cancellationToken);

    /// <summary>Stops now: queued publishes are still written, but running handlers are cancelled and queues not drained.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopCoreAsync(abortHandlers: true, CancellationToken.None).ConfigureAwait(false);
        _abort.Dispose();
    }

    private async Task StopCoreAsync(bool abortHandlers, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            if (abortHandlers)
            {
                Abort();
            }
            await WaitUnlessCancelled(_stopped.Task, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var registration = cancellationToken.Register(static bus => ((EventBus)bus!).Abort(), this);
        try
        {
            _writer.Complete();
            if (_writerTask is { } writer)
            {
                await WaitUnlessCancelled(writer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _writer.FailPending();
            }
            if (abortHandlers)
            {
                Abort();
            }
            _dispatcher.CompleteAll();
            // A handler that ignores its cancelled token must not hold the host's shutdown beyond its deadline.
            await WaitUnlessCancelled(Task.WhenAll(_subscriptions.Keys.Select(s => s.Completion)), cancellationToken).ConfigureAwait(false);
            _logger.Stopped();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private static async Task WaitUnlessCancelled(Task task, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: the abort has been signalled; stop waiting.
        }
    }

    private void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: everything has stopped.
        }
    }

    /// <summary>
    /// Validates, writes and dispatches an event. Returns once the event is durable in the log (with its
    /// sequence); subscribers are then called asynchronously, each in publish order.
    /// Cancelling stops the wait; an event already taken into a commit may still be written.
    /// </summary>
    /// <exception cref="EventValidationException">The event is invalid; nothing was written.</exception>
    /// <exception cref="InvalidOperationException">The bus is stopped.</exception>
    public Task<KairosEvent> PublishAsync(EventDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        JsonElement? data = draft.Data is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? value.Clone() : null;
        // Re-serialising normalises the text (compact, one line) whatever the element was parsed from.
        var dataJson = data is { } element ? JsonSerializer.Serialize(element, KairosJson.Options) : null;
        return EnqueueAsync(draft.Type, draft.Source, draft.Subject, data, dataJson, draft.RunId, draft.Depth, cancellationToken);
    }

    internal Task<KairosEvent> EnqueueAsync(
        string type, string source, string? subject, JsonElement? data, string? dataJson, string? runId, int depth, CancellationToken cancellationToken)
    {
        subject = string.IsNullOrEmpty(subject) ? null : subject;
        EventValidator.ThrowIfInvalid(type, source, subject, dataJson, Options.MaxDataBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        cancellationToken.ThrowIfCancellationRequested();

        // Millisecond precision: what logs keep and what CloudEvents consumers expect, so the event a publisher
        // gets back and the one read from history carry the same time.
        var clock = Time.GetUtcNow();
        var now = new DateTimeOffset(clock.UtcTicks - clock.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var record = new EventRecord
        {
            Id = Uuid7.New(now).ToString(),
            Type = type,
            Source = source,
            Time = now,
            Subject = subject,
            DataJson = dataJson,
            RunId = string.IsNullOrEmpty(runId) ? null : runId,
            Depth = depth,
        };
        var publish = new PendingPublish(record, data, cancellationToken);
        if (!_writer.TryEnqueue(publish))
        {
            throw new InvalidOperationException("The event bus is stopped; the event was not published.");
        }
        return cancellationToken.CanBeCanceled ? publish.Task.WaitAsync(cancellationToken) : publish.Task;
    }

    /// <summary>The publisher handed to a run or plugin: every event it publishes carries this source, run id and depth.</summary>
    public IEventPublisher CreatePublisher(string source, string? runId = null, int depth = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        return new BusEventPublisher(this, source, runId, depth);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is not a valid pattern.</exception>
    public IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!TopicPattern.TryParse(pattern, out var topic, out var error))
        {
            throw new ArgumentException($"Invalid subscription pattern: {error}", nameof(pattern));
        }
        options ??= new SubscriptionOptions();
        var queue = new SubscriberQueue(options.Name ?? pattern, topic, options.QueueCapacity, _dispatcher);
        _dispatcher.Add(queue, afterSequence: null);
        var subscription = new Subscription(queue, handler, options, _dispatcher, _abort.Token, s => _subscriptions.TryRemove(s, out _));
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>
    /// True when a subscriber or a stream would receive a live event of this type now. Producers of transient
    /// events check it first, so a busy scheduler with nobody listening does not build events for nobody.
    /// </summary>
    public bool HasListeners(string type) => _dispatcher.HasListeners(type);

    /// <summary>
    /// Dispatches a live-only event that is not written to the log (the engine's run.started and
    /// run.succeeded, whose history is the runs table). Its sequence is 0; a subscriber whose queue is
    /// full or catching up misses it (counted in <see cref="EventBusMetrics.TransientDropped"/>).
    /// </summary>
    /// <exception cref="EventValidationException">The event's type or source is invalid.</exception>
    public void DispatchTransient(KairosEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        EventValidator.ThrowIfInvalid(evt.Type, evt.Source, evt.Subject, dataJson: null, Options.MaxDataBytes);
        Metrics.TransientDispatchedOne();
        _dispatcher.DispatchTransient(evt.Sequence == 0 ? evt : evt with { Sequence = 0 });
    }

    /// <summary>
    /// Events matching <paramref name="pattern"/> (all when null): first the persisted ones after
    /// <paramref name="afterSequence"/> read from the log, then live ones (persisted and transient), with no
    /// gap and no duplicate across the switch-over. Without <paramref name="afterSequence"/>, live events
    /// only, from the first <c>MoveNextAsync</c> on. Ends when the bus stops or the token fires.
    /// </summary>
    public async IAsyncEnumerable<KairosEvent> StreamAsync(TopicPattern? pattern, long? afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = new SubscriberQueue("stream " + (pattern?.Text ?? "#"), pattern, Options.DefaultQueueCapacity, _dispatcher);
        _dispatcher.Add(queue, afterSequence);
        try
        {
            await foreach (var evt in queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return evt;
            }
        }
        finally
        {
            _dispatcher.Remove(queue);
        }
    }

    /// <summary>Event history, newest first, with cursor paging (see <see cref="EventQuery"/>).</summary>
    public async Task<Page<KairosEvent>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await _log.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return new Page<KairosEvent>([.. page.Items.Select(EventMapping.ToEvent)], page.NextCursor);
    }

    /// <summary>One persisted event by id, or null.</summary>
    public async Task<KairosEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var record = await _log.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : EventMapping.ToEvent(record);
    }
}
