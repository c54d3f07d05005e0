using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Sync.Testing;

/// <summary>
/// The host's fake clock as a plugin sees it, plus a driver: while a run is in flight, every wait the plugin starts on
/// this clock (a retry delay of the resilience pipeline honouring <c>Retry-After</c>, a client's back-off) is advanced
/// exactly, and recorded in <see cref="Waits"/>. Timers of <see cref="TimeoutsFrom"/> or more are timeouts, never
/// advanced. No real waiting, no polling.
/// </summary>
/// <remarks>Shared as source by the Wise and OKX plugin tests.</remarks>
internal sealed class DrivenClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _waits = [];

    /// <summary>Timers this long or longer are timeouts (the test pipeline's attempt and total timeouts are hours).</summary>
    public static readonly TimeSpan TimeoutsFrom = TimeSpan.FromMinutes(10);

    public FakeTimeProvider Fake => fake;

    /// <summary>The waits advanced through, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get { lock (_waits) { return _waits.ToArray(); } }
    }

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    /// <summary>Awaits <paramref name="operation"/>, advancing the clock through each wait it starts.</summary>
    public async Task<T> DriveAsync<T>(Task<T> operation)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!operation.IsCompleted)
        {
            var timer = _timers.Reader.WaitToReadAsync(guard.Token).AsTask();
            await Task.WhenAny(operation, timer);
            if (operation.IsCompleted)
            {
                break;
            }
            if (guard.IsCancellationRequested)
            {
                throw new TimeoutException("the run neither finished nor started a wait within 60 s");
            }
            while (_timers.Reader.TryRead(out var due))
            {
                if (due > TimeSpan.Zero && due < TimeoutsFrom)
                {
                    lock (_waits)
                    {
                        _waits.Add(due);
                    }
                    fake.Advance(due);
                }
            }
        }
        return await operation;
    }
}
