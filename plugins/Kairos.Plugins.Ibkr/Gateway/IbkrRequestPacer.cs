namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// Spaces requests evenly (1 / rate apart) on the injected clock, so the gateway's pacing limit (about 10 requests a
/// second) is not hit, and keeps the stricter per-endpoint limits (<c>/portfolio/accounts</c>: 1 request / 5 s).
/// Share one instance between every client talking to the same gateway (the plugin holds one per load).
/// </summary>
public sealed class IbkrRequestPacer
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly object _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _endpointNext = new(StringComparer.Ordinal);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Creates a pacer allowing <paramref name="requestsPerSecond"/> requests a second.</summary>
    public IbkrRequestPacer(int requestsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / requestsPerSecond);
    }

    /// <summary>Waits until the next request slot, reserving it.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(null, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Waits until the next request slot that is also at least <paramref name="minimumInterval"/> after the previous
    /// request to <paramref name="endpoint"/>, reserving both.
    /// </summary>
    /// <param name="endpoint">A name for the endpoint (e.g. <c>portfolio/accounts</c>); null = only the overall pace.</param>
    /// <param name="minimumInterval">Least time between two requests to that endpoint.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async ValueTask WaitAsync(string? endpoint, TimeSpan minimumInterval, CancellationToken cancellationToken = default)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var slot = _next > now ? _next : now;
            if (endpoint is not null && _endpointNext.TryGetValue(endpoint, out var endpointSlot) && endpointSlot > slot)
            {
                slot = endpointSlot;
            }
            _next = slot + _interval;
            if (endpoint is not null)
            {
                _endpointNext[endpoint] = slot + minimumInterval;
            }
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
