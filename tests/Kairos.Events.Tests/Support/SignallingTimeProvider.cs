using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Events.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test advances the clock only
/// once the code under test is actually waiting (a retry delay, a heartbeat) — no guessing, no sleeping.
/// </summary>
internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public static DateTimeOffset DefaultStart { get; } = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public SignallingTimeProvider()
        : this(DefaultStart)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (with a deadline) for the next timer to be created and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Default);
        return await _timers.Reader.ReadAsync(deadline.Token);
    }
}
