using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

/// <summary>
/// The fire loop reads the clock, then sets a timer for the next fire. A clock that moves between the two (another
/// thread advancing a fake clock, as every test here does right after creating a job) must not push the fire past
/// the timer.
/// </summary>
public sealed class ClockJumpTests
{
    [Fact]
    public async Task A_fire_reached_while_the_loop_sets_its_timer_runs_without_the_clock_moving_again()
    {
        var fake = new FakeTimeProvider(EngineHarness.Start);
        var clock = new JumpsWhenTimerIsMade(fake, timerDue: TimeSpan.FromSeconds(1), jump: TimeSpan.FromSeconds(1));
        await using var h = await EngineHarness.StartAsync(time: fake, engineTime: clock);

        // Due in exactly 1 s: the loop reads 08:00:00 and asks for a 1 s timer; the clock reaches the fire just then.
        await h.CreateJobAsync("""{"job_id":"on_time","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");

        var records = await h.WaitForFinishedAsync("on_time", 1);
        Assert.True(clock.Jumped);
        var run = records.Last(r => r.JobId == "on_time");
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(EngineHarness.Start.AddSeconds(1), run.ScheduledAt);
    }

    /// <summary>
    /// The fake clock, advanced once at the moment a timer of <c>timerDue</c> is made, before the timer is: what a
    /// test thread's <c>Advance</c> does when it lands between the loop's clock read and its timer.
    /// </summary>
    private sealed class JumpsWhenTimerIsMade(FakeTimeProvider fake, TimeSpan timerDue, TimeSpan jump) : TimeProvider
    {
        private int _jumped;

        public bool Jumped => Volatile.Read(ref _jumped) == 1;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override long GetTimestamp() => fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == timerDue && Interlocked.CompareExchange(ref _jumped, 1, 0) == 0)
            {
                fake.Advance(jump);
            }
            return fake.CreateTimer(callback, state, dueTime, period);
        }
    }
}
