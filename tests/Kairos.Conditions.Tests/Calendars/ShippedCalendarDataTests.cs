using Kairos.Conditions.Calendars;
using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Tests.Calendars;

/// <summary>The shipped calendar files, checked against the official notices they name.</summary>
public class ShippedCalendarDataTests
{
    private static readonly TradingCalendar Calendar = ShippedCalendars.Calendar;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Shipped_markets_are_CN_and_US()
    {
        Assert.Equal(["CN", "US"], Calendar.Markets);
    }

    [Fact]
    public void Shipped_years_cover_2024_to_2026_for_both_markets()
    {
        Assert.Equal([2024, 2025, 2026], Calendar.GetYears("CN").Select(y => y.Year));
        Assert.Equal([2024, 2025, 2026, 2027, 2028], Calendar.GetYears("US").Select(y => y.Year));
    }

    [Fact]
    public void Every_shipped_year_names_its_source_with_an_address()
    {
        foreach (var year in Calendar.Markets.SelectMany(Calendar.GetYears))
        {
            Assert.Contains("https://", year.Source, StringComparison.Ordinal);
            Assert.NotNull(year.File);
        }
    }

    [Theory]
    [InlineData("2025-01-28")] // 除夕
    [InlineData("2025-01-29")]
    [InlineData("2025-01-30")]
    [InlineData("2025-01-31")]
    [InlineData("2025-02-03")]
    [InlineData("2025-02-04")]
    public void CN_2025_Spring_Festival_weekdays_are_closed(string date)
    {
        Assert.False(Calendar.IsTradingDay("CN", D(date)));
    }

    [Theory]
    [InlineData("2025-01-27")]
    [InlineData("2025-02-05")]
    [InlineData("2025-10-09")]
    [InlineData("2025-09-30")]
    public void CN_2025_days_around_the_long_holidays_are_open(string date)
    {
        Assert.True(Calendar.IsTradingDay("CN", D(date)));
    }

    [Theory]
    [InlineData("2025-10-01")]
    [InlineData("2025-10-03")]
    [InlineData("2025-10-06")]
    [InlineData("2025-10-08")] // National Day merged with Mid-Autumn: eight days
    public void CN_2025_National_Day_week_is_closed(string date)
    {
        Assert.False(Calendar.IsTradingDay("CN", D(date)));
    }

    [Theory]
    [InlineData("2025-01-26")] // Sunday, a working day for offices
    [InlineData("2025-02-08")] // Saturday
    [InlineData("2025-04-27")]
    [InlineData("2025-09-28")]
    [InlineData("2025-10-11")]
    [InlineData("2026-02-14")]
    [InlineData("2026-02-28")]
    public void CN_make_up_working_weekend_days_are_still_closed(string date)
    {
        Assert.False(Calendar.IsTradingDay("CN", D(date)));
    }

    [Fact]
    public void CN_2024_closes_on_new_years_eve_of_the_lunar_calendar()
    {
        Assert.False(Calendar.IsTradingDay("CN", D("2024-02-09")));
        Assert.True(Calendar.IsTradingDay("CN", D("2024-02-08")));
        Assert.True(Calendar.IsTradingDay("CN", D("2024-02-19")));
    }

    [Theory]
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-05", true)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-24", true)]
    [InlineData("2026-09-25", false)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-08", true)]
    public void CN_2026_follows_the_exchanges_notice(string date, bool open)
    {
        Assert.Equal(open, Calendar.IsTradingDay("CN", D(date)));
    }

    [Theory]
    [InlineData("2025-11-27", false)] // Thanksgiving
    [InlineData("2025-11-28", true)]  // early close is still a trading day
    [InlineData("2025-06-19", false)] // Juneteenth
    [InlineData("2024-06-19", false)]
    [InlineData("2025-01-09", false)] // national day of mourning for President Carter
    [InlineData("2025-12-26", true)]  // federal offices closed, NYSE open
    [InlineData("2026-07-03", false)] // Independence Day observed
    [InlineData("2027-12-24", false)] // Christmas observed
    [InlineData("2027-12-31", true)]  // no New Year's Day observed for Saturday 2028-01-01
    public void US_closures_follow_NYSE_announcements(string date, bool open)
    {
        Assert.Equal(open, Calendar.IsTradingDay("US", D(date)));
    }

    [Theory]
    [InlineData("CN")]
    [InlineData("US")]
    public void A_weekend_is_closed_and_an_ordinary_weekday_open(string market)
    {
        Assert.False(Calendar.IsTradingDay(market, D("2025-03-08")));
        Assert.False(Calendar.IsTradingDay(market, D("2025-03-09")));
        Assert.True(Calendar.IsTradingDay(market, D("2025-03-10")));
    }

    [Fact]
    public void Market_codes_are_case_insensitive()
    {
        Assert.False(Calendar.IsTradingDay("cn", D("2025-10-01")));
        Assert.False(Calendar.IsTradingDay("Us", D("2025-11-27")));
    }

    [Fact]
    public void A_year_outside_the_data_is_an_error_naming_market_and_year()
    {
        var e = Assert.Throws<TradingCalendarException>(() => Calendar.IsTradingDay("cn", D("2027-03-01")));
        Assert.Contains("CN", e.Message, StringComparison.Ordinal);
        Assert.Contains("2027", e.Message, StringComparison.Ordinal);
        Assert.Contains("2024-2026", e.Message, StringComparison.Ordinal);

        Assert.Throws<TradingCalendarException>(() => Calendar.IsTradingDay("US", D("2023-12-29")));
    }

    [Fact]
    public void An_unknown_market_is_an_error_listing_the_known_ones()
    {
        var e = Assert.Throws<TradingCalendarException>(() => Calendar.IsTradingDay("HK", D("2025-03-10")));
        Assert.Contains("'HK'", e.Message, StringComparison.Ordinal);
        Assert.Contains("CN, US", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CN", "2025-01-28", "2025-02-05")]
    [InlineData("CN", "2025-09-30", "2025-09-30")]
    [InlineData("CN", "2025-10-01", "2025-10-09")]
    [InlineData("CN", "2025-02-08", "2025-02-10")]
    [InlineData("US", "2025-11-27", "2025-11-28")]
    [InlineData("US", "2024-12-31", "2024-12-31")]
    [InlineData("CN", "2026-01-01", "2026-01-05")]
    [InlineData("CN", "2024-12-28", "2024-12-30")]
    public void NextTradingDay_skips_closures_across_months_and_years(string market, string from, string expected)
    {
        Assert.Equal(D(expected), Calendar.NextTradingDay(market, D(from)));
    }

    [Fact]
    public void NextTradingDay_that_leaves_the_covered_years_is_an_error()
    {
        var e = Assert.Throws<TradingCalendarException>(() => Calendar.NextTradingDay("US", D("2028-12-30")));
        Assert.Contains("2029", e.Message, StringComparison.Ordinal);
    }
}
