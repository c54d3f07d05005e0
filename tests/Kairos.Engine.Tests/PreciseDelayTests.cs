using System.Diagnostics;
using Kairos.Engine.Firing;

namespace Kairos.Engine.Tests;

/// <summary>
/// The fire loop's real-clock wait. These run on the real clock (the class exists for it) and wait for completions
/// with a generous deadline; they assert order and completion, never how fast.
/// </summary>
public class PreciseDelayTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_delay_never_ends_before_its_time()
    {
        using var delay = new PreciseDelay();
        var started = Stopwatch.GetTimestamp();

        await delay.DelayAsync(TimeSpan.FromMilliseconds(30)).WaitAsync(Deadline);

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(30), "completed early");
    }

    [Fact]
    public async Task A_new_delay_releases_the_one_it_replaces_and_keeps_its_own_time()
    {
        using var delay = new PreciseDelay();
        var distant = delay.DelayAsync(TimeSpan.FromHours(1));
        Assert.False(distant.IsCompleted);

        var near = delay.DelayAsync(TimeSpan.FromMilliseconds(5));

        await distant.WaitAsync(Deadline); // released at once, well before its hour
        await near.WaitAsync(Deadline);
    }

    [Fact]
    public async Task A_delay_of_years_neither_overflows_nor_stops_the_thread()
    {
        using var delay = new PreciseDelay();
        var years = delay.DelayAsync(TimeSpan.FromDays(3650));
        await Task.Yield();

        var near = delay.DelayAsync(TimeSpan.FromMilliseconds(1));

        await years.WaitAsync(Deadline); // released by the next delay, not completed early on its own
        await near.WaitAsync(Deadline);
        Assert.True(delay.IsRunning);
    }

    [Fact]
    public async Task Disposing_releases_the_pending_delay_and_ends_the_thread()
    {
        var delay = new PreciseDelay();
        var pending = delay.DelayAsync(TimeSpan.FromHours(1));
        Assert.True(delay.IsRunning);

        delay.Dispose();

        await pending.WaitAsync(Deadline);
        Assert.True(SpinWait.SpinUntil(() => !delay.IsRunning, Deadline), "the timer thread kept running");
        Assert.Throws<ObjectDisposedException>(() => { _ = delay.DelayAsync(TimeSpan.FromSeconds(1)); });
    }

    [Fact]
    public async Task The_completion_continues_off_the_timer_thread()
    {
        using var delay = new PreciseDelay();
        // ExecuteSynchronously runs the continuation on whichever thread completes the delay.
        var completedOn = delay.DelayAsync(TimeSpan.FromMilliseconds(1))
            .ContinueWith(_ => Thread.CurrentThread.Name, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.NotEqual("Kairos fire timer", await completedOn.WaitAsync(Deadline));
    }
}
