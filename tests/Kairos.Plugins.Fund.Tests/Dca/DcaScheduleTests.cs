using Kairos.Conditions.Calendars;
using Kairos.Plugins.Fund.Dca;
using Kairos.Sdk.Calendars;

namespace Kairos.Plugins.Fund.Tests.Dca;

public sealed class DcaScheduleTests
{
    private static readonly ITradingCalendar Calendar = TradingCalendarLoader.Load([TradingCalendarLoader.ShippedDirectory]);
    private static readonly DateTimeOffset Created = new(2024, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DcaPlan Plan(DcaFrequency frequency, string start, int? weekday = null, MonthDay? day = null, string? end = null) =>
        new("p", "000001", 100m, frequency, weekday, day, 0m, D(start), end is null ? null : D(end), true, Created, Created);

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Due(DcaPlan plan, string from, string to) =>
        DcaSchedule.DueDates(plan, D(from), D(to), Calendar).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void Daily_IsEveryTradingDay_SkippingTheWeekendAndSpringFestival2026()
    {
        // 2026-02-14 (Sat, a make-up working day: the exchanges stay closed) and 02-15..02-23 (holiday) are not trading days.
        Assert.Equal(["2026-02-12", "2026-02-13", "2026-02-24", "2026-02-25"], Due(Plan(DcaFrequency.Daily, "2026-01-01"), "2026-02-12", "2026-02-25"));
    }

    [Fact]
    public void Weekly_WednesdaysInTheNationalDayHoliday_MoveToTheNextTradingDayAndBuyOnce()
    {
        // 2025-10-01 and 10-08 are Wednesdays inside the 10-01..10-08 closure: both move to Thursday 10-09, one purchase.
        Assert.Equal(["2025-09-24", "2025-10-09", "2025-10-15"], Due(Plan(DcaFrequency.Weekly, "2025-09-22", weekday: 2), "2025-09-22", "2025-10-16"));
    }

    [Fact]
    public void Weekly_FromInsideTheWindow_StillFindsADayMovedIntoIt()
    {
        // The window starts after the scheduled Wednesday 10-08, but its purchase moved to 10-09: still due.
        Assert.Equal(["2025-10-09"], Due(Plan(DcaFrequency.Weekly, "2025-09-22", weekday: 2), "2025-10-09", "2025-10-14"));
    }

    [Fact]
    public void Biweekly_IsAnchoredOnTheFirstMatchingDayAfterTheStart()
    {
        // Start Wednesday 2025-06-04; weekday 0 (Monday): 06-09, 06-23, 07-07 …
        Assert.Equal(["2025-06-23", "2025-07-07"], Due(Plan(DcaFrequency.Biweekly, "2025-06-04", weekday: 0), "2025-06-10", "2025-07-13"));
    }

    [Fact]
    public void Monthly_DayOnAHoliday_MovesToTheNextTradingDay()
    {
        // 05-01 → 05-06 (Labour Day 05-01..05-05); 10-01 → 10-09; 2026-01-01 → 01-05 (01-01..01-03 closed, 01-04 Sunday).
        Assert.Equal(["2025-05-06", "2025-06-03", "2025-07-01"], Due(Plan(DcaFrequency.Monthly, "2025-04-15", day: new MonthDay(1)), "2025-04-15", "2025-07-10"));
        Assert.Equal(["2025-10-09", "2025-11-03", "2025-12-01", "2026-01-05"], Due(Plan(DcaFrequency.Monthly, "2025-09-15", day: new MonthDay(1)), "2025-09-15", "2026-01-10"));
    }

    [Fact]
    public void Monthly_Last_IsTheLastTradingDayOfTheMonth()
    {
        // 2025-05-31 is a Saturday (and a holiday): 05-30. 2026-02-28 is a Saturday: 02-27.
        Assert.Equal(["2025-05-30", "2025-06-30"], Due(Plan(DcaFrequency.Monthly, "2025-05-01", day: MonthDay.Last), "2025-05-01", "2025-07-15"));
        Assert.Equal(["2026-02-27"], Due(Plan(DcaFrequency.Monthly, "2026-02-01", day: MonthDay.Last), "2026-02-01", "2026-03-15"));
    }

    [Fact]
    public void StartAndEndDates_Bound_ThePlan()
    {
        var plan = Plan(DcaFrequency.Daily, "2025-06-11", end: "2025-06-13");

        Assert.Equal(["2025-06-11", "2025-06-12", "2025-06-13"], Due(plan, "2025-06-01", "2025-06-30"));
    }

    [Fact]
    public void NextDueDate_InLateNovember_StaysWithinTheYearsThatHaveCalendarData()
    {
        // The two-month look-ahead would reach 2027, which the shipped CN calendar does not cover.
        Assert.Equal(D("2026-12-01"), DcaSchedule.NextDueDate(Plan(DcaFrequency.Monthly, "2026-11-01", day: new MonthDay(1)), D("2026-11-28"), Calendar));
    }

    [Fact]
    public void NextDueDate_LooksAhead()
    {
        Assert.Equal(D("2025-10-09"), DcaSchedule.NextDueDate(Plan(DcaFrequency.Monthly, "2025-09-15", day: new MonthDay(1)), D("2025-09-15"), Calendar));
    }
}
