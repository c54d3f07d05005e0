using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that remembers every timer created on it, so a test advances the clock only
/// once the code under test is really waiting (a task's delay, a drain timeout): no guessing, no sleeping.
/// </summary>
internal sealed class WatchedTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _created = [];
    private readonly List<(TimeSpan Due, int Count, TaskCompletionSource Signal)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _created.Add(dueTime);
            foreach (var waiter in _waiters.Where(w => Count(w.Due) >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers due after <paramref name="dueTime"/> were created (counting earlier ones).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int count = 1)
    {
        lock (_lock)
        {
            if (Count(dueTime) >= count)
            {
                return Task.CompletedTask;
            }
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, count, signal));
            return signal.Task.WaitAsync(Waits.Patience);
        }
    }

    private int Count(TimeSpan dueTime) => _created.Count(d => d == dueTime);
}
