using System.Diagnostics;

namespace Kairos.Engine.Firing;

/// <summary>
/// One delay at a time, measured on the high-resolution clock and waited on a dedicated thread.
/// </summary>
/// <remarks>
/// Why not <see cref="Task.Delay(TimeSpan)"/>: .NET's timer queue measures due times with
/// <see cref="Environment.TickCount64"/>, which Linux serves from <c>CLOCK_MONOTONIC_COARSE</c> (one kernel tick,
/// 4 ms here), so a 1 ms delay lasts 4–8 ms. A thread blocking on a monitor with a timeout wakes within about
/// 0.1 ms of it. The thread only waits and completes the pending task (its continuation runs on the pool), so the
/// fire loop stays asynchronous; this is the same arrangement as the runtime's own timer thread.
/// </remarks>
public sealed class PreciseDelay : IDisposable
{
    // A plain object: Monitor.Wait/Pulse need the monitor, which System.Threading.Lock does not offer.
    private readonly object _gate = new();
    private readonly Thread _thread;
    private TaskCompletionSource? _pending;
    private long _dueTimestamp;
    private bool _disposed;

    public PreciseDelay()
    {
        _thread = new Thread(WaitLoop) { IsBackground = true, Name = "Kairos fire timer" };
        _thread.Start();
    }

    /// <summary>The longest one delay lasts; a longer one ends after this (callers re-check and wait again).</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromHours(1);

    /// <summary>True while the waiting thread runs (it ends on <see cref="Dispose"/>).</summary>
    public bool IsRunning => _thread.IsAlive;

    /// <summary>
    /// A task that completes once <paramref name="delay"/> (at most <see cref="MaximumDelay"/>) has passed. A new call
    /// supersedes the pending delay,
    /// which completes at once (its waiter has moved on); <see cref="Dispose"/> completes it too.
    /// </summary>
    public Task DelayAsync(TimeSpan delay)
    {
        // Continuations never run on the timer thread: it must be back waiting for the next due time.
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource? superseded;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            superseded = _pending;
            _pending = next;
            // Capped so the timestamp cannot overflow; the caller's loop simply waits again.
            var capped = delay < MaximumDelay ? delay : MaximumDelay;
            _dueTimestamp = Stopwatch.GetTimestamp() + (long)(capped.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
            Monitor.PulseAll(_gate);
        }
        superseded?.TrySetResult();
        return next.Task;
    }

    /// <summary>Stops the thread; a pending delay completes.</summary>
    public void Dispose()
    {
        TaskCompletionSource? pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            pending = _pending;
            _pending = null;
            Monitor.PulseAll(_gate);
        }
        pending?.TrySetResult();
    }

    private void WaitLoop()
    {
        while (true)
        {
            TaskCompletionSource? elapsed = null;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                if (_pending is null)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _dueTimestamp);
                if (remaining > TimeSpan.Zero)
                {
                    // Monitor timeouts are whole milliseconds: round up so the delay never ends early.
                    Monitor.Wait(_gate, (int)Math.Ceiling(remaining.TotalMilliseconds));
                    continue;
                }
                elapsed = _pending;
                _pending = null;
            }
            elapsed.TrySetResult();
        }
    }
}
