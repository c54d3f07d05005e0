namespace Kairos.Scheduling;

/// <summary>One element of a field's comma-separated list, as APScheduler 3 defines it.</summary>
internal abstract record CronTerm;

/// <summary><c>*</c> or <c>*/n</c>: every value, stepping from the field's minimum.</summary>
internal sealed record EveryTerm(int? Step) : CronTerm
{
    public bool Matches(int value, CronField field) => (value - field.Min) % (Step ?? 1) == 0;
}

/// <summary><c>a</c>, <c>a-b</c>, <c>a-b/n</c> or <c>a/n</c> (up to the field's maximum), stepping from <c>a</c>.</summary>
internal sealed record RangeTerm(int First, int? Last, int? Step) : CronTerm
{
    /// <summary>Written as one plain value (no range, no step): the only form that is not interval-like.</summary>
    public bool IsSingle => Last == First && Step is null;

    public bool Matches(int value, CronField field) =>
        value >= First && value <= (Last ?? field.Max) && (value - First) % (Step ?? 1) == 0;
}

/// <summary><c>last</c> in the day field: the last day of the month.</summary>
internal sealed record LastDayTerm : CronTerm;

/// <summary><c>1st mon</c> … <c>5th mon</c> or <c>last mon</c> in the day field (<see cref="Nth"/> 0 means last).</summary>
internal sealed record NthWeekdayTerm(int Nth, int Weekday) : CronTerm
{
    public bool Matches(DateOnly date)
    {
        if (((int)date.DayOfWeek + 6) % 7 != Weekday)
        {
            return false;
        }
        return Nth == 0
            ? date.Day + 7 > DateTime.DaysInMonth(date.Year, date.Month)
            : (date.Day - 1) / 7 + 1 == Nth;
    }
}
