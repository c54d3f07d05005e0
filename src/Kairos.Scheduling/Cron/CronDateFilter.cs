using System.Globalization;

namespace Kairos.Scheduling;

/// <summary>
/// The date part of a field-form schedule (year, month, day, week, day_of_week), checked directly. Used where
/// Cronos cannot express the fields: year, ISO week, <c>last fri</c> / <c>2nd mon</c> and lists mixing them with numbers.
/// </summary>
internal sealed class CronDateFilter
{
    /// <summary>
    /// The Gregorian calendar repeats every 400 years, so a date pattern that matches in none of 400 consecutive
    /// candidate years never matches; the search stops there instead of walking to 9999.
    /// </summary>
    private const int MaxCandidateYears = 400;

    private static readonly CronField s_year = CronField.Get(CronFieldName.Year);

    private readonly CronTerm[] _years;
    private readonly bool _anyYear;
    private readonly int _months;
    private readonly ulong _daysOfMonth;
    private readonly bool _lastDay;
    private readonly NthWeekdayTerm[] _nthWeekdays;
    private readonly ulong? _weeks;
    private readonly int _weekdays;

    public CronDateFilter(CronFieldSet fields)
    {
        _years = fields[CronFieldName.Year];
        _anyYear = fields.IsUnrestricted(CronFieldName.Year);
        _months = (int)Mask(fields[CronFieldName.Month], CronField.Get(CronFieldName.Month));
        var day = fields[CronFieldName.Day];
        _daysOfMonth = Mask(day, CronField.Get(CronFieldName.Day));
        _lastDay = day.Any(term => term is LastDayTerm);
        _nthWeekdays = day.OfType<NthWeekdayTerm>().ToArray();
        _weeks = fields.IsUnrestricted(CronFieldName.Week) ? null : Mask(fields[CronFieldName.Week], CronField.Get(CronFieldName.Week));
        _weekdays = (int)Mask(fields[CronFieldName.DayOfWeek], CronField.Get(CronFieldName.DayOfWeek));
    }

    public bool Matches(DateOnly date) => MatchesYear(date.Year) && (_months >> date.Month & 1) != 0 && MatchesDay(date);

    /// <summary>The first matching date at or after <paramref name="from"/>, or null when there is none.</summary>
    public DateOnly? NextMatch(DateOnly from)
    {
        var candidates = 0;
        for (var year = from.Year; year <= 9999 && candidates < MaxCandidateYears; year++)
        {
            if (!MatchesYear(year))
            {
                continue;
            }
            candidates++;
            for (var month = year == from.Year ? from.Month : 1; month <= 12; month++)
            {
                if ((_months >> month & 1) == 0)
                {
                    continue;
                }
                var days = DateTime.DaysInMonth(year, month);
                for (var day = year == from.Year && month == from.Month ? from.Day : 1; day <= days; day++)
                {
                    var date = new DateOnly(year, month, day);
                    if (MatchesDay(date))
                    {
                        return date;
                    }
                }
            }
        }
        return null;
    }

    private bool MatchesYear(int year)
    {
        if (_anyYear)
        {
            return true;
        }
        foreach (var term in _years)
        {
            if (term is EveryTerm every && every.Matches(year, s_year) || term is RangeTerm range && range.Matches(year, s_year))
            {
                return true;
            }
        }
        return false;
    }

    private bool MatchesDay(DateOnly date)
    {
        var dayOfMonth = (_daysOfMonth >> date.Day & 1) != 0
            || _lastDay && date.Day == DateTime.DaysInMonth(date.Year, date.Month)
            || _nthWeekdays.Any(nth => nth.Matches(date));
        return dayOfMonth
            && (_weekdays >> ((int)date.DayOfWeek + 6) % 7 & 1) != 0
            && (_weeks is not { } weeks || (weeks >> ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)) & 1) != 0);
    }

    /// <summary>Bit v set when value v matches one of the numeric terms (fields up to 63).</summary>
    private static ulong Mask(CronTerm[] terms, CronField field)
    {
        ulong mask = 0;
        for (var value = field.Min; value <= field.Max; value++)
        {
            foreach (var term in terms)
            {
                if (term is EveryTerm every && every.Matches(value, field) || term is RangeTerm range && range.Matches(value, field))
                {
                    mask |= 1UL << value;
                    break;
                }
            }
        }
        return mask;
    }
}
