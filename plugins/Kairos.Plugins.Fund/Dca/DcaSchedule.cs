using Kairos.Sdk.Calendars;

namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// The due dates of a DCA plan on the CN (Shanghai/Shenzhen) trading calendar.
/// <list type="bullet">
/// <item><c>daily</c>: every trading day.</item>
/// <item><c>weekly</c>: every <c>weekday</c> (0 = Monday); <c>biweekly</c>: every other one, counted from the first on or after the start date.</item>
/// <item><c>monthly</c>: day <c>day_of_month</c> (1–28) of every month; <c>last</c>: the month's last trading day.</item>
/// </list>
/// A scheduled day that is not a trading day moves to the next trading day (a weekly Wednesday in the National Day
/// holiday is bought on the first day the market opens); two scheduled days that move onto the same trading day make
/// one purchase. Dates before the start date or scheduled after the end date are not due.
/// </summary>
internal static class DcaSchedule
{
    /// <summary>The due (trading) dates within [<paramref name="from"/>, <paramref name="to"/>], ascending.</summary>
    /// <exception cref="TradingCalendarException">The calendar does not cover a date the answer depends on.</exception>
    public static IReadOnlyList<DateOnly> DueDates(DcaPlan plan, DateOnly from, DateOnly to, ITradingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(calendar);
        if (from < plan.StartDate)
        {
            from = plan.StartDate;
        }
        if (from > to)
        {
            return [];
        }
        var due = new SortedSet<DateOnly>();
        // A day scheduled before 'from' may move onto a trading day inside the window (the longest CN closure is ~10 days).
        var scheduledFrom = plan.Frequency == DcaFrequency.Daily ? from : Max(plan.StartDate, from.AddDays(-31));
        foreach (var scheduled in Scheduled(plan, scheduledFrom, to, calendar))
        {
            if (plan.EndDate is { } end && scheduled.Nominal > end)
            {
                break;
            }
            DateOnly effective;
            try
            {
                effective = scheduled.Effective ?? calendar.NextTradingDay(ChinaMarket.Calendar, scheduled.Nominal);
            }
            catch (TradingCalendarException) when (scheduled.Nominal < from)
            {
                continue; // a look-back day in a year the calendar does not cover: only days inside the window must be answered
            }
            if (effective >= from && effective <= to)
            {
                due.Add(effective);
            }
        }
        return [.. due];
    }

    /// <summary>The first due date on or after <paramref name="from"/> (looking ahead at most ~2 months), or null.</summary>
    public static DateOnly? NextDueDate(DcaPlan plan, DateOnly from, ITradingCalendar calendar)
    {
        var to = from.AddDays(62);
        while (true)
        {
            try
            {
                var dates = DueDates(plan, from, to, calendar);
                return dates.Count == 0 ? null : dates[0];
            }
            catch (TradingCalendarException) when (to.Year > from.Year)
            {
                // The look-ahead reached a year without calendar data (e.g. in late November): look within this year.
                to = new DateOnly(to.Year - 1, 12, 31);
            }
            catch (TradingCalendarException)
            {
                return null;
            }
        }
    }

    private static IEnumerable<(DateOnly Nominal, DateOnly? Effective)> Scheduled(DcaPlan plan, DateOnly from, DateOnly to, ITradingCalendar calendar)
    {
        switch (plan.Frequency)
        {
            case DcaFrequency.Daily:
                for (var d = from; d <= to; d = d.AddDays(1))
                {
                    if (calendar.IsTradingDay(ChinaMarket.Calendar, d))
                    {
                        yield return (d, d);
                    }
                }
                break;
            case DcaFrequency.Weekly:
            case DcaFrequency.Biweekly:
            {
                var step = plan.Frequency == DcaFrequency.Weekly ? 7 : 14;
                var target = WeekdayOf(plan.Weekday ?? 0);
                // Biweekly dates are anchored on the first matching day on or after the start date, so they never drift.
                var anchor = plan.StartDate.AddDays(((int)target - (int)plan.StartDate.DayOfWeek + 7) % 7);
                var first = anchor;
                if (first < from)
                {
                    first = first.AddDays((from.DayNumber - first.DayNumber + step - 1) / step * step);
                }
                for (var d = first; d <= to; d = d.AddDays(step))
                {
                    yield return (d, null);
                }
                break;
            }
            case DcaFrequency.Monthly:
            {
                var day = plan.DayOfMonth ?? new MonthDay(1);
                for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
                {
                    if (day.IsLast)
                    {
                        var lastDay = month.AddMonths(1).AddDays(-1);
                        var trading = lastDay;
                        while (!calendar.IsTradingDay(ChinaMarket.Calendar, trading))
                        {
                            trading = trading.AddDays(-1);
                        }
                        if (trading >= plan.StartDate)
                        {
                            yield return (trading, trading);
                        }
                    }
                    else
                    {
                        var d = new DateOnly(month.Year, month.Month, day.Day);
                        if (d >= plan.StartDate)
                        {
                            yield return (d, null);
                        }
                    }
                }
                break;
            }
        }
    }

    /// <summary>0 = Monday … 6 = Sunday.</summary>
    public static DayOfWeek WeekdayOf(int weekday) => (DayOfWeek)((weekday + 1) % 7);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
