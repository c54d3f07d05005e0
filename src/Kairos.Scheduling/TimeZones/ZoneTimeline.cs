using System.Collections.Concurrent;

namespace Kairos.Scheduling;

/// <summary>
/// A zone's UTC offsets and transitions, derived only from UTC → local conversions.
/// </summary>
/// <remarks>
/// .NET's local → UTC helpers (IsInvalidTime, IsAmbiguousTime, GetUtcOffset of a local time) are built from
/// adjustment rules and are wrong around some transitions (Pacific/Apia's skipped 2011-12-30 reads as an
/// ambiguous -11:00 hour), which is where Cronos's zone-aware calls loop or double fire. UTC → local is right,
/// so transitions are found by probing UTC offsets every six hours and bisecting to the second, cached per year.
/// </remarks>
internal sealed class ZoneTimeline
{
    private static readonly ConcurrentDictionary<TimeZoneInfo, ZoneTimeline> s_timelines = new();
    private static readonly TimeSpan s_probeStep = TimeSpan.FromHours(6);
    private static readonly TimeSpan s_window = TimeSpan.FromHours(26);

    private readonly TimeZoneInfo _zone;
    private readonly bool _fixed;
    // Years in chunks of 64, filled lazily: two array reads per lookup on the hot path of every fire computation.
    private readonly YearTransitions?[]?[] _years = new YearTransitions?[]?[10_000 / 64 + 1];

    private ZoneTimeline(TimeZoneInfo zone)
    {
        _zone = zone;
        _fixed = zone.GetAdjustmentRules().Length == 0;
    }

    public static ZoneTimeline For(TimeZoneInfo zone) => s_timelines.GetOrAdd(zone, static z => new ZoneTimeline(z));

    /// <summary>The offset in force at a UTC instant.</summary>
    public TimeSpan OffsetAt(DateTime utc)
    {
        if (_fixed)
        {
            return _zone.BaseUtcOffset;
        }
        var year = Year(utc.Year);
        var index = LastIndexAtOrBefore(year.Transitions, utc);
        return index < 0 ? year.StartOffset : year.Transitions[index].After;
    }

    /// <summary>The instant as a <see cref="DateTimeOffset"/> carrying the zone's offset at that instant.</summary>
    public DateTimeOffset ToZoned(DateTime utc) => ToZoned(utc, OffsetAt(utc));

    /// <summary>The instant with a known offset of this zone.</summary>
    public static DateTimeOffset ToZoned(DateTime utc, TimeSpan offset)
    {
        offset = TimeSpan.FromMinutes(Math.Truncate(offset.TotalMinutes)); // DateTimeOffset needs whole minutes
        return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
    }

    /// <summary>
    /// A span around <paramref name="utc"/> in which the offset does not change, reaching at most about a year
    /// either way: lets hot loops skip transition lookups far from any transition.
    /// </summary>
    public ZoneSegment SegmentAt(DateTime utc)
    {
        if (_fixed)
        {
            return new ZoneSegment(DateTime.MinValue, DateTime.MaxValue, _zone.BaseUtcOffset, _zone.BaseUtcOffset);
        }
        var reach = TimeSpan.FromDays(400);
        var low = utc - TimeDomain.Min > reach ? utc - reach : TimeDomain.Min.AddDays(-2);
        var high = TimeDomain.Max - utc > reach ? utc + reach : TimeDomain.Max.AddDays(2);
        var offset = OffsetAt(utc);
        var end = TryGetNextTransition(utc, high, out var next) ? next.Instant : high;
        return TryGetLastTransition(utc, low, out var previous)
            ? new ZoneSegment(previous.Instant, end, offset, previous.Before)
            : new ZoneSegment(low, end, offset, offset);
    }

    /// <summary>The first transition with <paramref name="after"/> &lt; instant ≤ <paramref name="notAfter"/>.</summary>
    public bool TryGetNextTransition(DateTime after, DateTime notAfter, out ZoneTransition transition)
    {
        transition = default;
        if (_fixed)
        {
            return false;
        }
        for (var y = after.Year; y <= notAfter.Year; y++)
        {
            var list = Year(y).Transitions;
            var index = LastIndexAtOrBefore(list, after) + 1;
            if (index < list.Length)
            {
                if (list[index].Instant > notAfter)
                {
                    return false;
                }
                transition = list[index];
                return true;
            }
        }
        return false;
    }

    /// <summary>The last transition with <paramref name="notBefore"/> ≤ instant ≤ <paramref name="atOrBefore"/>.</summary>
    public bool TryGetLastTransition(DateTime atOrBefore, DateTime notBefore, out ZoneTransition transition)
    {
        transition = default;
        if (_fixed)
        {
            return false;
        }
        for (var y = atOrBefore.Year; y >= notBefore.Year; y--)
        {
            var list = Year(y).Transitions;
            var index = LastIndexAtOrBefore(list, atOrBefore);
            if (index >= 0)
            {
                if (list[index].Instant < notBefore)
                {
                    return false;
                }
                transition = list[index];
                return true;
            }
        }
        return false;
    }

    /// <summary>Where a wall-clock time of this zone lands on the UTC time line.</summary>
    public WallTimeMapping Map(DateTime wall)
    {
        if (_fixed)
        {
            var u = wall - _zone.BaseUtcOffset;
            return new WallTimeMapping(WallTimeKind.Normal, u, u, default);
        }
        // Every instant whose wall time is `wall` lies within ±26 h of it; walk the constant-offset segments there.
        var low = wall - s_window;
        var high = wall + s_window;
        var segmentStart = low;
        var offset = OffsetAt(low);
        DateTime first = default, second = default;
        var found = 0;
        ZoneTransition gap = default, overlap = default;
        while (true)
        {
            var more = TryGetNextTransition(segmentStart, high, out var next);
            var candidate = wall - offset;
            if (candidate >= segmentStart && (!more || candidate < next.Instant) && candidate <= high)
            {
                if (found == 0)
                {
                    first = candidate;
                }
                else if (found == 1)
                {
                    second = candidate;
                }
                found++;
            }
            if (!more)
            {
                break;
            }
            if (next.IsGap && next.WallBefore <= wall && wall < next.WallAfter)
            {
                gap = next;
            }
            if (next.IsOverlap && next.WallAfter <= wall && wall < next.WallBefore)
            {
                overlap = next;
            }
            segmentStart = next.Instant;
            offset = next.After;
        }
        return found switch
        {
            0 when gap.Instant != default => new WallTimeMapping(WallTimeKind.Gap, gap.Instant, gap.Instant, gap),
            0 => Fallback(wall),
            1 => new WallTimeMapping(WallTimeKind.Normal, first, first, default),
            _ => new WallTimeMapping(WallTimeKind.Ambiguous, first, second, overlap),
        };
    }

    private WallTimeMapping Fallback(DateTime wall)
    {
        // Unreachable for real zone data; keeps the mapping total.
        var u = wall - _zone.BaseUtcOffset;
        return new WallTimeMapping(WallTimeKind.Normal, u, u, default);
    }

    private TimeSpan ProbeOffset(DateTime utc) => _zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private YearTransitions Year(int year)
    {
        var chunk = Volatile.Read(ref _years[year >> 6]);
        if (chunk is null)
        {
            Interlocked.CompareExchange(ref _years[year >> 6], new YearTransitions?[64], null);
            chunk = Volatile.Read(ref _years[year >> 6])!;
        }
        // Two threads may probe the same year; both results are equal, either may win.
        return Volatile.Read(ref chunk[year & 63]) ?? Interlocked.CompareExchange(ref chunk[year & 63], Probe(year), null) ?? chunk[year & 63]!;
    }

    private YearTransitions Probe(int year)
    {
        var start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var last = year < 9999 ? start.AddYears(1).AddSeconds(-1) : new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc);
        var transitions = new List<ZoneTransition>();
        var startOffset = ProbeOffset(start);
        if (year > 1)
        {
            var before = ProbeOffset(start.AddSeconds(-1));
            if (before != startOffset)
            {
                transitions.Add(new ZoneTransition(start, before, startOffset));
            }
        }
        var a = start;
        var offsetA = startOffset;
        while (a < last)
        {
            var b = last - a > s_probeStep ? a + s_probeStep : last;
            var offsetB = ProbeOffset(b);
            while (offsetA != offsetB)
            {
                var change = FirstChange(a, offsetA, b);
                var offsetAtChange = ProbeOffset(change);
                transitions.Add(new ZoneTransition(change, offsetA, offsetAtChange));
                a = change;
                offsetA = offsetAtChange;
            }
            a = b;
            offsetA = offsetB;
        }
        return new YearTransitions(startOffset, [.. transitions]);
    }

    /// <summary>Bisects to the first whole second in (low, high] whose offset differs from <paramref name="lowOffset"/>.</summary>
    private DateTime FirstChange(DateTime low, TimeSpan lowOffset, DateTime high)
    {
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low.AddSeconds(Math.Floor((high - low).TotalSeconds / 2));
            if (ProbeOffset(middle) == lowOffset)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high;
    }

    private static int LastIndexAtOrBefore(ZoneTransition[] list, DateTime utc)
    {
        int lo = 0, hi = list.Length - 1, result = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Instant <= utc)
            {
                result = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return result;
    }

    private sealed record YearTransitions(TimeSpan StartOffset, ZoneTransition[] Transitions);
}
