using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Ibkr.Tests.Support;

/// <summary>
/// The plugin's clock in the in-process tests: the host's <see cref="FakeTimeProvider"/>, plus a driver that advances it
/// by every wait the code under test starts on it (the pacer's spacing, the HTTP pipeline's back-off, the Flex poll
/// delay), so a whole run completes on fake time and the waits can be asserted. The HTTP pipeline's attempt and total
/// timeouts are never driven, so they cannot fire while a request is in flight.
/// </summary>
internal sealed class DrivenClock : TimeProvider, IAsyncDisposable
{
    private readonly FakeTimeProvider _fake;
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _waits = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driver;

    public DrivenClock(FakeTimeProvider fake)
    {
        _fake = fake;
        _driver = Task.Run(DriveAsync);
    }

    /// <summary>Timers of these lengths are the standard pipeline's timeouts, not waits: never driven.</summary>
    public static IReadOnlyList<TimeSpan> Timeouts { get; } =
        [new Kairos.Sdk.Http.HttpResilienceSettings().AttemptTimeout, new Kairos.Sdk.Http.HttpResilienceSettings().TotalTimeout];

    /// <summary>Every wait driven so far, in the order they were started.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get { lock (_waits) { return _waits.ToArray(); } }
    }

    public void ClearWaits()
    {
        lock (_waits)
        {
            _waits.Clear();
        }
    }

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan && !Timeouts.Contains(dueTime))
        {
            _started.Writer.TryWrite(dueTime);
        }
        return timer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _driver;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }

    private async Task DriveAsync()
    {
        await foreach (var due in _started.Reader.ReadAllAsync(_stop.Token))
        {
            lock (_waits)
            {
                _waits.Add(due);
            }
            _fake.Advance(due);
        }
    }
}
