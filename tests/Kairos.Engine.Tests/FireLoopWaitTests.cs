using Kairos.Engine.Firing;

namespace Kairos.Engine.Tests;

/// <summary>How long the fire loop waits for its next fire: exact when far, floored when near, and coarser while dense.</summary>
public class FireLoopWaitTests
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void A_next_fire_further_than_the_floor_is_waited_for_exactly()
    {
        Assert.Equal(1_500 * TimeSpan.TicksPerMicrosecond, FireLoop.WaitTicks(1_500 * TimeSpan.TicksPerMicrosecond, handledLastWake: 0));
        Assert.Equal(7 * Ms, FireLoop.WaitTicks(7 * Ms, handledLastWake: 500));
    }

    [Fact]
    public void Sparse_fires_keep_a_one_millisecond_floor()
    {
        // Up to 31 fires at the last wake-up: a fire 0.3 ms away, or one already due, is waited for 1 ms.
        Assert.Equal(Ms, FireLoop.WaitTicks(300 * TimeSpan.TicksPerMicrosecond, handledLastWake: 31));
        Assert.Equal(Ms, FireLoop.WaitTicks(0, handledLastWake: 0));
    }

    [Fact]
    public void Dense_fires_wake_the_loop_at_most_every_two_milliseconds()
    {
        // 32 or more fires at the last wake-up: fires less than 2 ms away are gathered into the next wake-up.
        Assert.Equal(2 * Ms, FireLoop.WaitTicks(300 * TimeSpan.TicksPerMicrosecond, handledLastWake: 32));
        Assert.Equal(2 * Ms, FireLoop.WaitTicks(1_500 * TimeSpan.TicksPerMicrosecond, handledLastWake: 1_024));
    }

    [Fact]
    public void A_distant_fire_is_waited_for_in_capped_steps()
    {
        Assert.Equal(PreciseDelay.MaximumDelay.Ticks, FireLoop.WaitTicks(TimeSpan.FromDays(365).Ticks, handledLastWake: 0));
    }
}
