using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Wise.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test can wait until the resilience
/// pipeline has scheduled its retry delay and then advance exactly past it (no real waiting, no polling).
/// </summary>
internal sealed class ObservedFakeTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Writer.TryWrite(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits until a timer with exactly <paramref name="dueTime"/> is created (timeouts create others).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        await foreach (var due in _timers.Reader.ReadAllAsync(cancellationToken))
        {
            if (due == dueTime)
            {
                return;
            }
        }
    }
}
