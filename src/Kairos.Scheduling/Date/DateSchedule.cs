using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>
/// A <c>date</c> schedule: one fire at <see cref="RunDate"/>. It always yields that time, even when it lies in
/// the past; whether the job then runs is the engine's misfire rule.
/// </summary>
public sealed class DateSchedule : Schedule
{
    private readonly DateTime _runDate;

    internal DateSchedule(TimeZoneInfo timeZone, DateTime runDate)
        : base(timeZone, TimeSpan.Zero) => _runDate = runDate;

    /// <inheritdoc />
    public override string Type => "date";

    /// <summary>The one fire time, with the zone's offset at that instant.</summary>
    public DateTimeOffset RunDate => Timeline.ToZoned(_runDate);

    /// <summary>Always <see cref="RunDate"/>, whatever <paramref name="from"/> is.</summary>
    public override DateTimeOffset? GetFirstFireTime(DateTimeOffset from) => RunDate;

    /// <summary>Always null: a date schedule fires once.</summary>
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset previousFireTime) => null;

    /// <inheritdoc />
    public override FireCount CountFires(DateTimeOffset fromInclusive, DateTimeOffset toInclusive, long limit)
    {
        var run = RunDate;
        if (run < fromInclusive || run > toInclusive)
        {
            return FireCount.None;
        }
        return limit >= 1 ? new FireCount(1, false, run, run) : new FireCount(0, true, run, run);
    }

    /// <inheritdoc />
    public override JsonObject ToJson() => new()
    {
        ["type"] = "date",
        ["run_date"] = DateTimeText.Write(RunDate),
        ["timezone"] = TimeZone.Id,
    };
}
