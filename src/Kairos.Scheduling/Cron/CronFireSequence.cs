namespace Kairos.Scheduling;

/// <summary>
/// Cronos's (Vixie cron's) daylight-saving rule, applied to the wall-clock matches of a cron schedule:
/// <list type="bullet">
/// <item>A match inside a spring-forward gap fires once at the first instant after the gap (02:30 → 03:00 new
/// time); several matches in one gap make one fire.</item>
/// <item>A match in a fall-back overlap fires at its first pass; its second pass fires only for interval-like
/// schedules (second, minute or hour holding <c>*</c>, a range or a step).</item>
/// <item>A calendar day the zone skipped entirely (Pacific/Apia, 2011-12-30) has no fires, so the day after is
/// not doubled.</item>
/// </list>
/// The fire times form a set independent of where a search starts, so any instant can be asked for the next one.
/// </summary>
internal sealed class CronFireSequence(WallClockMatcher matcher, bool intervalLike, ZoneTimeline timeline)
{
    private static readonly TimeSpan s_window = TimeSpan.FromHours(26);

    // The constant-offset span last used; replaced atomically, so sharing a schedule across threads is safe.
    private ZoneSegment? _segment;

    /// <summary>The first fire strictly after the UTC instant <paramref name="after"/> with the offset in force then, or null.</summary>
    public DateTimeOffset? NextAfter(DateTime after)
    {
        var segment = SegmentAt(after);
        // Fast path: the next match lands in the same constant-offset span, so it is a plain wall time whose first
        // (or only) instant it is, and any second pass of an overlap ahead comes later. Out of the second pass of a
        // fall-back only, since there the first passes of the repeated wall times are already behind.
        if (after >= segment.SecondPassEnd && matcher.Next(after + segment.Offset, inclusive: false) is { } match)
        {
            var instant = match - segment.Offset;
            if (instant < segment.End)
            {
                return ZoneTimeline.ToZoned(instant, segment.Offset);
            }
        }
        return NextAfterNearTransitions(after) is { } fire ? timeline.ToZoned(fire) : null;
    }

    /// <summary>
    /// Counts the fires in (<paramref name="after"/>, <paramref name="upper"/>], stopping at <paramref name="max"/>.
    /// Inside a constant-offset span it walks the wall clock alone, which is what makes per-second schedules cheap to count.
    /// </summary>
    public (long Count, DateTime? First, DateTime? Last) Count(DateTime after, DateTime upper, long max)
    {
        long count = 0;
        DateTime? first = null, last = null;
        var cursor = after;
        while (count < max)
        {
            var segment = SegmentAt(cursor);
            if (cursor >= segment.SecondPassEnd)
            {
                var wall = cursor + segment.Offset;
                while (count < max && matcher.Next(wall, inclusive: false) is { } match && match - segment.Offset < segment.End)
                {
                    var instant = match - segment.Offset;
                    if (instant > upper)
                    {
                        return (count, first, last);
                    }
                    count++;
                    first ??= instant;
                    last = cursor = instant;
                    wall = match;
                }
                if (count >= max)
                {
                    break;
                }
            }
            // The next fire crosses a transition (or starts in a second pass): take the careful path once.
            if (NextAfterNearTransitions(cursor) is not { } fire || fire > upper)
            {
                break;
            }
            count++;
            first ??= fire;
            last = cursor = fire;
        }
        return (count, first, last);
    }

    private ZoneSegment SegmentAt(DateTime instant)
    {
        var segment = _segment;
        if (segment is null || instant < segment.Start || instant >= segment.End)
        {
            _segment = segment = timeline.SegmentAt(instant);
        }
        return segment;
    }

    private DateTime? NextAfterNearTransitions(DateTime after)
    {
        var first = FirstPassAfter(after);
        if (intervalLike && SecondPassAfter(after) is { } second && (first is null || second < first))
        {
            return second;
        }
        return first;
    }

    /// <summary>The earliest fire that is a match's first (or only) instant, or a gap's end.</summary>
    private DateTime? FirstPassAfter(DateTime after)
    {
        var lower = after + timeline.OffsetAt(after);
        var inclusive = false;
        if (InSecondPass(after) is { } overlap)
        {
            // Every repeated wall time already had its first pass before the clocks fell back.
            lower = overlap.WallBefore;
            inclusive = true;
        }
        while (matcher.Next(lower, inclusive) is { } match)
        {
            var mapping = timeline.Map(match);
            if (mapping.Kind != WallTimeKind.Gap)
            {
                return mapping.First;
            }
            var gap = mapping.Transition;
            if (!IsSkippedDay(match.Date, gap))
            {
                return gap.Instant;
            }
            lower = gap.WallAfter.Date; // the first day that exists again
            inclusive = true;
        }
        return null;
    }

    /// <summary>The earliest second pass of a repeated wall time (interval-like schedules only).</summary>
    private DateTime? SecondPassAfter(DateTime after)
    {
        ZoneTransition overlap;
        if (InSecondPass(after) is { } current)
        {
            overlap = current;
        }
        else if (timeline.TryGetNextTransition(after, after + s_window, out var next) && next.IsOverlap)
        {
            // Only the overlap just ahead can matter: a later one's first passes come before its second passes.
            overlap = next;
        }
        else
        {
            return null;
        }
        // A repeated wall time m fires again at m - overlap.After; that must be later than `after`.
        var sinceAfter = after + overlap.After;
        var (lower, inclusive) = sinceAfter >= overlap.WallAfter ? (sinceAfter, false) : (overlap.WallAfter, true);
        return matcher.Next(lower, inclusive) is { } match && match < overlap.WallBefore ? match - overlap.After : null;
    }

    /// <summary>The fall-back transition when <paramref name="instant"/> lies in the second pass of its repeated wall times.</summary>
    private ZoneTransition? InSecondPass(DateTime instant) =>
        timeline.TryGetLastTransition(instant, instant - s_window, out var previous)
        && previous.IsOverlap
        && instant + previous.After < previous.WallBefore
            ? previous
            : null;

    private static bool IsSkippedDay(DateTime day, ZoneTransition gap) =>
        gap.WallBefore <= day && day.AddDays(1) <= gap.WallAfter;
}
