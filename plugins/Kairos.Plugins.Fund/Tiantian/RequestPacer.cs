namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>
/// Spaces requests to each host by at least an interval plus random jitter, on an injected clock. Callers reserve
/// their slot under a lock and then wait outside it, so concurrent callers queue up instead of bunching.
/// </summary>
public sealed class RequestPacer
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _jitter;
    private readonly Func<double> _random;
    private readonly Dictionary<string, DateTimeOffset> _nextFree = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    /// <param name="time">The clock.</param>
    /// <param name="interval">Least time between two requests to one host.</param>
    /// <param name="jitter">Largest random extra wait.</param>
    /// <param name="random">Source of randomness in [0, 1) (default: shared random).</param>
    public RequestPacer(TimeProvider time, TimeSpan interval, TimeSpan jitter, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, TimeSpan.Zero);
        _time = time;
        _interval = interval;
        _jitter = jitter;
#pragma warning disable CA5394 // Jitter only; not security relevant.
        _random = random ?? (() => Random.Shared.NextDouble());
#pragma warning restore CA5394
    }

    /// <summary>Waits until the caller may send its request to <paramref name="host"/>.</summary>
    public Task WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero && _jitter == TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }
        DateTimeOffset slot;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            slot = _nextFree.TryGetValue(host, out var next) && next > now ? next : now;
            _nextFree[host] = slot + _interval + (_jitter * _random());
        }
        var wait = slot - now;
        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, cancellationToken);
    }
}
