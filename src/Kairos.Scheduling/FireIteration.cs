namespace Kairos.Scheduling;

/// <summary>Counting fires by walking them one by one (cron schedules; the others count by arithmetic).</summary>
internal static class FireIteration
{
    public static FireCount Count(Schedule schedule, DateTimeOffset from, DateTimeOffset to, long limit)
    {
        limit = Math.Max(0, limit);
        if (to < from)
        {
            return FireCount.None;
        }
        DateTimeOffset? first = null, last = null;
        long count = 0;
        for (var fire = schedule.GetFirstFireTime(from); fire is { } f && f <= to; fire = schedule.GetNextFireTime(f))
        {
            if (count == limit)
            {
                // More fires than the limit: report the limit, and find the true last one from the end.
                return new FireCount(limit, true, first ?? f, LastAtOrBefore(schedule, f, to));
            }
            first ??= f;
            last = f;
            count++;
        }
        return new FireCount(count, false, first, last);
    }

    /// <summary>
    /// The last fire in [<paramref name="known"/>, <paramref name="to"/>], where <paramref name="known"/> is a fire:
    /// scans windows ending at <paramref name="to"/> that double in length until one holds a fire, so the work
    /// stays near the number of fires in the last window rather than in the whole range.
    /// </summary>
    public static DateTimeOffset LastAtOrBefore(Schedule schedule, DateTimeOffset known, DateTimeOffset to)
    {
        var window = TimeSpan.FromSeconds(1);
        while (true)
        {
            var start = to - known > window ? to - window : known;
            DateTimeOffset? last = null;
            for (var fire = schedule.GetFirstFireTime(start); fire is { } f && f <= to; fire = schedule.GetNextFireTime(f))
            {
                last = f;
            }
            if (last is { } found)
            {
                return found;
            }
            if (start == known)
            {
                return known;
            }
            window *= 2; // reaches any span of the time domain within about 40 doublings
        }
    }
}
