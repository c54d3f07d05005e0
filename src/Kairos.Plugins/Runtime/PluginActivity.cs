namespace Kairos.Plugins.Runtime;

/// <summary>
/// Counts the work in flight inside one loaded plugin version (task runs, event handlers, HTTP requests) so
/// an unload can drain it: once draining starts no new work enters; after the drain timeout the rest is
/// cancelled through <see cref="Cancelled"/>.
/// </summary>
internal sealed class PluginActivity : IDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private bool _draining;

    /// <summary>Cancelled when in-flight work must stop (drain timeout, or unload of a plugin that failed to start).</summary>
    public CancellationToken Cancelled => _cancel.Token;

    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Enters a unit of work; false once draining started.</summary>
    public bool TryEnter(out Lease lease)
    {
        lock (_lock)
        {
            if (_draining)
            {
                lease = default;
                return false;
            }
            _inFlight++;
            lease = new Lease(this);
            return true;
        }
    }

    /// <summary>
    /// Stops admitting work and waits for what is in flight: up to <paramref name="timeout"/>, then cancels it and
    /// waits up to <paramref name="cancelGrace"/> more. Returns how many units were cancelled (0: all finished).
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan timeout, TimeSpan cancelGrace, TimeProvider time, Action? waiting = null)
    {
        lock (_lock)
        {
            _draining = true;
            if (_inFlight == 0)
            {
                _idle.TrySetResult();
            }
        }
        var wait = _idle.Task.WaitAsync(timeout, time);
        waiting?.Invoke();
        try
        {
            await wait.ConfigureAwait(false);
            return 0;
        }
        catch (TimeoutException)
        {
        }
        var cancelled = InFlight;
        await _cancel.CancelAsync().ConfigureAwait(false);
        try
        {
            await _idle.Task.WaitAsync(cancelGrace, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Work that ignores cancellation keeps the old load context alive until it ends; nothing more to do.
        }
        return cancelled;
    }

    public void Dispose() => _cancel.Dispose();

    private void Exit()
    {
        lock (_lock)
        {
            _inFlight--;
            if (_draining && _inFlight == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>One unit of work; dispose it when the work ends.</summary>
    internal readonly struct Lease(PluginActivity? owner) : IDisposable
    {
        public void Dispose() => owner?.Exit();
    }
}
