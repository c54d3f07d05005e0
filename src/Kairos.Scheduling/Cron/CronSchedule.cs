using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>
/// A <c>cron</c> schedule, in APScheduler's field form (<c>{"hour":15,"minute":30}</c>) or the crontab form
/// (<c>{"expression":"30 15 * * 1-5"}</c>), with optional inclusive <c>start_date</c>/<c>end_date</c>.
/// Matching is Cronos's; daylight saving follows <see cref="CronFireSequence"/>'s rule.
/// </summary>
public sealed class CronSchedule : Schedule
{
    private readonly CronFireSequence _sequence;
    private readonly DateTime? _start;
    private readonly DateTime? _end;
    private readonly JsonObject _definition;

    internal CronSchedule(TimeZoneInfo timeZone, TimeSpan jitter, CronFireSequence sequence, string cronosText,
        bool isIntervalLike, DateTime? start, DateTime? end, JsonObject definition)
        : base(timeZone, jitter)
    {
        _sequence = sequence;
        _start = start;
        _end = end;
        _definition = definition;
        CronosExpression = cronosText;
        IsIntervalLike = isIntervalLike;
    }

    /// <inheritdoc />
    public override string Type => "cron";

    /// <summary>The crontab line when the schedule was written in the crontab form; null for the field form.</summary>
    public string? Expression => _definition["expression"]?.GetValue<string>();

    /// <summary>The expression Cronos evaluates (for the field form: its translation, without year/week filters).</summary>
    public string CronosExpression { get; }

    /// <summary>Fires again in the repeated hour of a fall-back (second, minute or hour holds <c>*</c>, a range or a step).</summary>
    public bool IsIntervalLike { get; }

    /// <summary>The first instant the schedule may fire (inclusive), if limited.</summary>
    public DateTimeOffset? StartDate => _start is { } s ? Timeline.ToZoned(s) : null;

    /// <summary>The last instant the schedule may fire (inclusive), if limited.</summary>
    public DateTimeOffset? EndDate => _end is { } e ? Timeline.ToZoned(e) : null;

    /// <inheritdoc />
    public override DateTimeOffset? GetFirstFireTime(DateTimeOffset from)
    {
        var at = TimeDomain.ClampedUtc(from);
        if (_start is { } start && at < start)
        {
            at = start;
        }
        return Next(at.AddTicks(-1));
    }

    /// <inheritdoc />
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset previousFireTime)
    {
        var after = TimeDomain.ClampedUtc(previousFireTime);
        if (_start is { } start && after < start)
        {
            after = start.AddTicks(-1);
        }
        return Next(after);
    }

    /// <inheritdoc />
    public override FireCount CountFires(DateTimeOffset fromInclusive, DateTimeOffset toInclusive, long limit)
    {
        limit = Math.Max(0, limit);
        if (toInclusive < fromInclusive)
        {
            return FireCount.None;
        }
        var from = TimeDomain.ClampedUtc(fromInclusive);
        if (_start is { } start && from < start)
        {
            from = start;
        }
        var upper = TimeDomain.ClampedUtc(toInclusive);
        if (_end is { } end && upper > end)
        {
            upper = end;
        }
        var (count, first, last) = _sequence.Count(from.AddTicks(-1), upper, limit == long.MaxValue ? limit : limit + 1);
        if (first is not { } firstFire || last is not { } lastFire)
        {
            return FireCount.None;
        }
        var firstZoned = Timeline.ToZoned(firstFire);
        return count <= limit
            ? new FireCount(count, false, firstZoned, Timeline.ToZoned(lastFire))
            : new FireCount(limit, true, firstZoned, FireIteration.LastAtOrBefore(this, firstZoned, toInclusive));
    }

    /// <inheritdoc />
    public override JsonObject ToJson()
    {
        var json = (JsonObject)_definition.DeepClone();
        if (StartDate is { } start)
        {
            json["start_date"] = DateTimeText.Write(start);
        }
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

    private DateTimeOffset? Next(DateTime after)
    {
        var fire = _sequence.NextAfter(after);
        return fire is { } f && (_end is null || f.UtcDateTime <= _end) ? f : null;
    }
}
