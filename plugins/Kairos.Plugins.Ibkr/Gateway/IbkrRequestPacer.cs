namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// Spaces requests evenly (1 / rate apart) on the injected clock, so the gateway's pacing limit (about 10 requests a
/// second) is not hit. Share one instance between every client talking to the same gateway.
/// </summary>
public sealed class IbkrRequestPacer
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly object _lock = new();
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
    public async ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        TimeSpan wait;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            wait = slot - now;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
