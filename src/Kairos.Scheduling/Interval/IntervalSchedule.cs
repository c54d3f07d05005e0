using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>
/// An <c>interval</c> schedule: elapsed time (not wall-clock time) on the grid <c>start_date + k·interval</c>,
/// up to an inclusive <c>end_date</c>. Without a <c>start_date</c> the anchor is the creation time plus one
/// interval, and <see cref="ToJson"/> stores it, so a restart never re-anchors.
/// </summary>
public sealed class IntervalSchedule : Schedule
{
    private readonly long _start;
    private readonly long _end; // long.MaxValue: no end (8 bytes, not a nullable's 16, in an object every job holds)
    private readonly long _interval;
    // The components as the user wrote them (weeks, days, … with their numbers' text), for ToJson. Kept as text
    // rather than a JSON object: a server holds one schedule per job, and 100,000 jobs are common.
    private readonly (string Name, string Number)[] _components;

    internal IntervalSchedule(TimeZoneInfo timeZone, TimeSpan jitter, TimeSpan interval, DateTime start, DateTime? end, (string Name, string Number)[] components)
        : base(timeZone, jitter)
    {
        _interval = interval.Ticks;
        _start = start.Ticks;
        _end = end?.Ticks ?? long.MaxValue;
        _components = components;
    }

    /// <inheritdoc />
    public override string Type => "interval";

    /// <summary>The time between fires.</summary>
    public TimeSpan Interval => TimeSpan.FromTicks(_interval);

    /// <summary>The first point of the grid (resolved when the JSON had none).</summary>
    public DateTimeOffset StartDate => Zoned(_start);

    /// <summary>The last instant the schedule may fire (inclusive), if limited.</summary>
    public DateTimeOffset? EndDate => _end == long.MaxValue ? null : Zoned(_end);

    /// <summary>The first grid point at or after <paramref name="from"/> (the start itself when it lies ahead).</summary>
    public override DateTimeOffset? GetFirstFireTime(DateTimeOffset from) => At(FirstIndexAtOrAfter(from.UtcTicks));

    /// <summary>The first grid point strictly after <paramref name="previousFireTime"/> (one interval later for a fire on the grid).</summary>
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset previousFireTime) =>
        At(previousFireTime.UtcTicks < _start ? 0 : (previousFireTime.UtcTicks - _start) / _interval + 1);

    /// <summary>Counts by arithmetic, however large the range.</summary>
    public override FireCount CountFires(DateTimeOffset fromInclusive, DateTimeOffset toInclusive, long limit)
    {
        limit = Math.Max(0, limit);
        var upper = Math.Min(toInclusive.UtcTicks, Math.Min(_end, TimeDomain.Max.Ticks));
        if (upper < _start)
        {
            return FireCount.None;
        }
        var firstIndex = FirstIndexAtOrAfter(fromInclusive.UtcTicks);
        var lastIndex = (upper - _start) / _interval;
        if (lastIndex < firstIndex)
        {
            return FireCount.None;
        }
        var count = lastIndex - firstIndex + 1;
        return new FireCount(Math.Min(count, limit), count > limit, Zoned(_start + firstIndex * _interval), Zoned(_start + lastIndex * _interval));
    }

    /// <inheritdoc />
    public override JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = "interval" };
        foreach (var (name, number) in _components)
        {
            json[name] = JsonNode.Parse(number);
        }
        json["start_date"] = DateTimeText.Write(StartDate);
        if (EndDate is { } end)
        {
            json["end_date"] = DateTimeText.Write(end);
        }
        json["timezone"] = TimeZone.Id;
        if (Jitter > TimeSpan.Zero)
        {
            json["jitter"] = (long)Jitter.TotalSeconds;
        }
        return json;
    }

    private long FirstIndexAtOrAfter(long fromTicks) =>
        fromTicks <= _start ? 0 : (fromTicks - _start + _interval - 1) / _interval;

    private DateTimeOffset? At(long index)
    {
        // Guard the multiplication: past the time domain (or the end) there is no fire.
        if (index > (TimeDomain.Max.Ticks - _start) / _interval)
        {
            return null;
        }
        var ticks = _start + index * _interval;
        return ticks > _end ? null : Zoned(ticks);
    }

    private DateTimeOffset Zoned(long utcTicks) => Timeline.ToZoned(new DateTime(utcTicks, DateTimeKind.Utc));
}
