namespace Kairos.Scheduling;

/// <summary>The upcoming fire times of a schedule, as the preview endpoint shows them.</summary>
public static class SchedulePreview
{
    /// <summary>
    /// The first <paramref name="count"/> fire times at or after <paramref name="from"/> (a fraction of a second is
    /// rounded up to the next whole second), without jitter; fewer when the schedule ends, none when it never fires
    /// (or fires on events). A date schedule yields its one <c>run_date</c>, even when it lies before <paramref name="from"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Compute(Schedule schedule, DateTimeOffset from, int count)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var result = new List<DateTimeOffset>(Math.Clamp(count, 0, 1000));
        if (count <= 0 || schedule.FiresOnEvents)
        {
            return result;
        }
        var next = schedule.GetFirstFireTime(TimeDomain.CeilingToSecond(from));
        while (next is { } fire && result.Count < count)
        {
            result.Add(fire);
            next = schedule.GetNextFireTime(fire);
            if (next <= fire)
            {
                break; // defensive: a schedule never yields a fire twice
            }
        }
        return result;
    }
}
