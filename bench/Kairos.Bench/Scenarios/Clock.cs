namespace Kairos.Bench.Scenarios;

/// <summary>Waiting on the real clock.</summary>
public static class Clock
{
    public static TimeProvider Time => TimeProvider.System;

    public static DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The next whole second at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset CeilToSecond(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var rest = ticks % TimeSpan.TicksPerSecond;
        return new DateTimeOffset(rest == 0 ? ticks : ticks - rest + TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static async Task UntilAsync(DateTimeOffset instant)
    {
        var wait = instant - Now;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Time).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="done"/> every 10 ms until it holds or <paramref name="deadline"/> passes.</summary>
    public static async Task<bool> PollUntilAsync(Func<bool> done, DateTimeOffset deadline)
    {
        while (!done())
        {
            if (Now >= deadline)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), Time).ConfigureAwait(false);
        }
        return true;
    }
}
