using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Testing.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer the code under test starts (a <c>Task.Delay</c> on
/// this clock), so a test can wait for "the client is now backing off", check the delay and advance exactly that much.
/// </summary>
public sealed class ObservableTime(DateTimeOffset start) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>
    /// The due time of the next timer started on this clock. If <paramref name="operation"/> ends first, its outcome
    /// is surfaced instead (so a test never hangs on a delay that does not come).
    /// </summary>
    public async Task<TimeSpan> NextDelayAsync(Task operation)
    {
        var read = _timers.Reader.ReadAsync().AsTask();
        var first = await Task.WhenAny(read, operation).WaitAsync(TimeSpan.FromSeconds(15));
        if (first == read)
        {
            return await read;
        }
        await operation;
        throw new InvalidOperationException("The operation completed without starting a delay.");
    }

    /// <summary>True when a timer was started and not yet taken by <see cref="NextDelayAsync"/>.</summary>
    public bool HasPendingDelay => _timers.Reader.TryPeek(out _);
}
