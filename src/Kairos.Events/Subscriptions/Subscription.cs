using Kairos.Events.Bus;
using Kairos.Sdk.Events;

namespace Kairos.Events.Subscriptions;

/// <summary>
/// One handler and its consumer loop: events arrive in publish order, one at a time. A throwing handler is
/// retried with a doubling delay (on the bus's clock), then the event is given up; either way the loop
/// goes on to the next event, so a failing subscriber never breaks the bus.
/// </summary>
internal sealed class Subscription : IDisposable
{
    private readonly SubscriberQueue _queue;
    private readonly Func<KairosEvent, CancellationToken, Task> _handler;
    private readonly SubscriptionOptions _options;
    private readonly Dispatcher _dispatcher;
    private readonly Action<Subscription> _onDisposed;
    private readonly CancellationTokenSource _cancellation;
    private int _disposed;

    public Subscription(
        SubscriberQueue queue,
        Func<KairosEvent, CancellationToken, Task> handler,
        SubscriptionOptions options,
        Dispatcher dispatcher,
        CancellationToken busAbort,
        Action<Subscription> onDisposed)
    {
        _queue = queue;
        _handler = handler;
        _options = options;
        _dispatcher = dispatcher;
        _onDisposed = onDisposed;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(busAbort);
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when the loop has ended (queue drained at stop, unsubscribed, or aborted).</summary>
    public Task Completion { get; }

    private async Task RunAsync()
    {
        var cancellationToken = _cancellation.Token;
        try
        {
            await foreach (var evt in _queue.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await DeliverAsync(evt, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Unsubscribed or the bus was stopped without waiting: nothing left to do.
        }
        catch (Exception ex)
        {
            _dispatcher.Logger.SubscriberLoopFailed(ex, _queue.Name);
        }
    }

    private async Task DeliverAsync(KairosEvent evt, CancellationToken cancellationToken)
    {
        _dispatcher.Metrics.DispatchedOne();
        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handler(evt, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                _dispatcher.Metrics.HandlerFailed();
                if (attempt >= maxAttempts)
                {
                    _dispatcher.Metrics.GaveUp();
                    _dispatcher.Logger.HandlerGaveUp(ex, _queue.Name, evt.Type, evt.Id, attempt);
                    return;
                }
                _dispatcher.Metrics.HandlerRetried();
                _dispatcher.Logger.HandlerRetrying(ex, _queue.Name, evt.Type, evt.Id, attempt, maxAttempts, delay);
            }
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _dispatcher.Time, cancellationToken).ConfigureAwait(false);
            }
            delay *= 2;
        }
    }

    /// <summary>Unsubscribes: no further events; a handler still running sees its token cancelled.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _dispatcher.Remove(_queue);
        _onDisposed(this);
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
