using Cronos;

namespace Kairos.Scheduling;

/// <summary>
/// The wall-clock times a cron schedule names, with no zone involved: Cronos evaluated on a clock without
/// daylight saving (its UTC mode), optionally narrowed by a <see cref="CronDateFilter"/>.
/// </summary>
internal sealed class WallClockMatcher(CronExpression expression, CronDateFilter? filter)
{
    private static readonly DateTime s_last = TimeDomain.Max;

    /// <summary>The first matching wall time after (or at, when <paramref name="inclusive"/>) <paramref name="wall"/>.</summary>
    public DateTime? Next(DateTime wall, bool inclusive)
    {
        var match = expression.GetNextOccurrence(DateTime.SpecifyKind(wall, DateTimeKind.Utc), inclusive);
        while (filter is not null && match is { } m && m <= s_last)
        {
            var date = DateOnly.FromDateTime(m);
            if (filter.Matches(date))
            {
                break;
            }
            // Jump to the next date the filter accepts instead of walking every match of rejected days.
            if (date >= DateOnly.FromDateTime(s_last) || filter.NextMatch(date.AddDays(1)) is not { } day)
            {
                return null;
            }
            match = expression.GetNextOccurrence(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), inclusive: true);
        }
        return match is { } found && found <= s_last ? found : null;
    }
}
