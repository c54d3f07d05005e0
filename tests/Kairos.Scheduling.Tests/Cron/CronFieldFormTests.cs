using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>APScheduler 3's field form, field by field. Zone Asia/Shanghai (+08:00, no daylight saving).</summary>
public class CronFieldFormTests
{
    private static string[] FiresFrom(string fields, string from, int count) =>
        Fires("{\"type\":\"cron\"," + fields + "}", "Asia/Shanghai", from, count);

    [Fact]
    public void Fields_smaller_than_the_smallest_given_default_to_their_minimum()
    {
        Assert.Equal(["2026-01-01T03:00:00+08:00", "2026-01-02T03:00:00+08:00"], FiresFrom("\"hour\":3", "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void Fields_larger_than_the_smallest_given_are_every_value()
    {
        Assert.Equal(["2026-06-01T00:00:00+08:00", "2027-06-01T00:00:00+08:00"], FiresFrom("\"month\":6", "2026-01-01T00:00:00+08:00", 2));
        // day given, hour between day and minute: every hour.
        Assert.Equal(["2026-01-05T00:15:00+08:00", "2026-01-05T01:15:00+08:00"], FiresFrom("\"day\":5,\"minute\":15", "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void No_field_at_all_fires_every_second_as_in_APScheduler()
    {
        Assert.Equal(["2026-01-01T00:00:00+08:00", "2026-01-01T00:00:01+08:00"], FiresFrom("\"timezone\":\"Asia/Shanghai\"", "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void Seconds_field_fires_on_seconds()
    {
        Assert.Equal(["2026-01-01T00:00:00+08:00", "2026-01-01T00:00:20+08:00", "2026-01-01T00:00:40+08:00", "2026-01-01T00:01:00+08:00"],
            FiresFrom("\"second\":\"*/20\"", "2026-01-01T00:00:00+08:00", 4));
    }

    [Fact]
    public void Field_form_numbers_weekdays_monday_0_to_sunday_6()
    {
        // 2026-01-05 is a Monday.
        Assert.Equal(["2026-01-05T00:00:00+08:00"], FiresFrom("\"day_of_week\":0", "2026-01-01T00:00:00+08:00", 1));
        Assert.Equal(["2026-01-04T00:00:00+08:00"], FiresFrom("\"day_of_week\":6", "2026-01-01T00:00:00+08:00", 1));
        Assert.Equal(["2026-01-02T00:00:00+08:00", "2026-01-05T00:00:00+08:00"], FiresFrom("\"day_of_week\":\"mon-fri\"", "2026-01-02T00:00:00+08:00", 2));
    }

    [Fact]
    public void Crontab_form_numbers_weekdays_sunday_0_or_7_and_monday_1()
    {
        Assert.Equal(["2026-01-04T00:00:00+08:00"], Fires("""{"type":"cron","expression":"0 0 * * 0"}""", "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 1));
        Assert.Equal(["2026-01-04T00:00:00+08:00"], Fires("""{"type":"cron","expression":"0 0 * * 7"}""", "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 1));
        Assert.Equal(["2026-01-05T00:00:00+08:00"], Fires("""{"type":"cron","expression":"0 0 * * 1"}""", "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 1));
    }

    [Fact]
    public void Names_are_accepted_in_any_case()
    {
        Assert.Equal(["2026-03-02T00:00:00+08:00"], FiresFrom("\"month\":\"MAR\",\"day_of_week\":\"Mon\"", "2026-01-01T00:00:00+08:00", 1));
        Assert.Equal(["2026-02-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00"], FiresFrom("\"month\":\"feb-apr/2\"", "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void Steps_count_from_the_field_minimum_or_the_range_start()
    {
        Assert.Equal(["2026-01-01T00:00:00+08:00", "2026-01-04T00:00:00+08:00", "2026-01-07T00:00:00+08:00"], FiresFrom("\"day\":\"*/3\"", "2026-01-01T00:00:00+08:00", 3));
        Assert.Equal(["2026-01-01T05:00:00+08:00", "2026-01-01T12:00:00+08:00", "2026-01-01T19:00:00+08:00", "2026-01-02T05:00:00+08:00"], FiresFrom("\"hour\":\"5/7\"", "2026-01-01T00:00:00+08:00", 4));
        Assert.Equal(["2026-01-01T00:10:00+08:00", "2026-01-01T00:25:00+08:00", "2026-01-01T01:10:00+08:00"], FiresFrom("\"minute\":\"10-30/15\"", "2026-01-01T00:00:00+08:00", 3));
    }

    [Fact]
    public void Day_and_day_of_week_must_both_match()
    {
        // Friday the 13th: 2026-02-13, 2026-03-13, 2026-11-13.
        Assert.Equal(["2026-02-13T00:00:00+08:00", "2026-03-13T00:00:00+08:00", "2026-11-13T00:00:00+08:00"], FiresFrom("\"day\":13,\"day_of_week\":\"fri\"", "2026-01-01T00:00:00+08:00", 3));
        Assert.Equal(["2026-02-13T00:00:00+08:00", "2026-03-13T00:00:00+08:00"], Fires("""{"type":"cron","expression":"0 0 13 * 5"}""", "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void Last_is_the_last_day_of_each_month_including_leap_february()
    {
        Assert.Equal(["2028-01-31T00:00:00+08:00", "2028-02-29T00:00:00+08:00", "2028-03-31T00:00:00+08:00", "2028-04-30T00:00:00+08:00"],
            FiresFrom("\"day\":\"last\"", "2028-01-01T00:00:00+08:00", 4));
        Assert.Equal(["2027-02-28T00:00:00+08:00"], FiresFrom("\"month\":2,\"day\":\"last\"", "2027-01-01T00:00:00+08:00", 1));
    }

    [Fact]
    public void February_29_fires_only_in_leap_years()
    {
        Assert.Equal(["2028-02-29T09:00:00+08:00", "2032-02-29T09:00:00+08:00"], FiresFrom("\"month\":2,\"day\":29,\"hour\":9", "2026-01-01T00:00:00+08:00", 2));
        Assert.Equal(["2028-02-29T09:00:00+08:00", "2032-02-29T09:00:00+08:00"], Fires("""{"type":"cron","expression":"0 9 29 2 *"}""", "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 2));
        // 2100 is not a leap year.
        Assert.Equal(["2096-02-29T00:00:00+08:00", "2104-02-29T00:00:00+08:00"], FiresFrom("\"month\":2,\"day\":29", "2096-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void Fifth_friday_fires_only_in_months_that_have_one()
    {
        // 2026: months with five Fridays are January, May, July, October.
        Assert.Equal(["2026-01-30T00:00:00+08:00", "2026-05-29T00:00:00+08:00", "2026-07-31T00:00:00+08:00", "2026-10-30T00:00:00+08:00"],
            FiresFrom("\"day\":\"5th fri\"", "2026-01-01T00:00:00+08:00", 4));
    }

    [Fact]
    public void Nth_and_last_weekday_and_mixed_lists()
    {
        Assert.Equal(["2026-01-12T00:00:00+08:00", "2026-02-09T00:00:00+08:00"], FiresFrom("\"day\":\"2nd mon\"", "2026-01-01T00:00:00+08:00", 2));
        Assert.Equal(["2026-01-30T00:00:00+08:00", "2026-02-27T00:00:00+08:00"], FiresFrom("\"day\":\"last fri\"", "2026-01-01T00:00:00+08:00", 2));
        Assert.Equal(["2026-01-15T00:00:00+08:00", "2026-01-31T00:00:00+08:00", "2026-02-15T00:00:00+08:00", "2026-02-28T00:00:00+08:00"],
            FiresFrom("\"day\":\"15,last\"", "2026-01-01T00:00:00+08:00", 4));
    }

    [Fact]
    public void Week_is_the_ISO_week_and_year_restricts_years()
    {
        // ISO week 1 of 2027 runs from Monday 2027-01-04.
        Assert.Equal(["2027-01-04T00:00:00+08:00", "2027-01-05T00:00:00+08:00"], FiresFrom("\"year\":2027,\"week\":1", "2026-01-01T00:00:00+08:00", 2));
        Assert.Equal(["2030-01-01T00:00:00+08:00"], FiresFrom("\"year\":2030", "2026-06-01T00:00:00+08:00", 1));
        Assert.Equal(["2031-12-31T23:59:59+08:00"], FiresFrom("\"year\":\"2030-2031\",\"second\":\"*\"", "2031-12-31T23:59:59+08:00", 2));
    }

    [Fact]
    public void An_impossible_date_never_fires_and_is_not_an_error()
    {
        var schedule = Parse("""{"type":"cron","month":2,"day":30}""");
        Assert.Null(schedule.GetFirstFireTime(At("2026-01-01T00:00:00Z")));
        Assert.Empty(SchedulePreview.Compute(schedule, At("2026-01-01T00:00:00Z"), 5));
        Assert.Null(Parse("""{"type":"cron","year":2027,"week":1,"month":6}""").GetFirstFireTime(At("2026-01-01T00:00:00Z")));
        Assert.Null(Parse("""{"type":"cron","year":2025,"hour":3}""").GetFirstFireTime(At("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void Numbers_and_strings_mean_the_same()
    {
        var number = Parse("""{"type":"cron","hour":7,"minute":5}""");
        var text = Parse("""{"type":"cron","hour":"7","minute":" 05 "}""");
        Assert.Equal(Fires(number, "2026-01-01T00:00:00Z", 3), Fires(text, "2026-01-01T00:00:00Z", 3));
    }

    [Fact]
    public void Translation_passes_stars_ranges_and_steps_through_to_Cronos()
    {
        Assert.Equal("*/15 * * * *", ((CronSchedule)Parse("""{"type":"cron","minute":"*/15"}""")).CronosExpression);
        Assert.Equal("0 1-5/2 * * 1,2,3,4,5", ((CronSchedule)Parse("""{"type":"cron","hour":"1-5/2","day_of_week":"mon-fri"}""")).CronosExpression);
        Assert.Equal("*/10 30 2 L * *", ((CronSchedule)Parse("""{"type":"cron","day":"last","hour":2,"minute":30,"second":"*/10"}""")).CronosExpression);
        Assert.Equal("0 0 * * *", ((CronSchedule)Parse("""{"type":"cron","day":"1st mon"}""")).CronosExpression);
    }

    [Theory]
    [InlineData("""{"type":"cron","hour":9,"start_date":"2026-03-01 09:00:00"}""", "2026-01-01T00:00:00+08:00", "2026-03-01T09:00:00+08:00")]
    [InlineData("""{"type":"cron","hour":9,"start_date":"2026-03-01 09:00:01"}""", "2026-01-01T00:00:00+08:00", "2026-03-02T09:00:00+08:00")]
    [InlineData("""{"type":"cron","hour":9,"start_date":"2026-03-01"}""", "2026-04-01T10:00:00+08:00", "2026-04-02T09:00:00+08:00")]
    public void Start_date_is_inclusive(string json, string from, string expected)
    {
        Assert.Equal([expected], Fires(Parse(json), from, 1));
    }

    [Fact]
    public void End_date_is_inclusive()
    {
        var schedule = Parse("""{"type":"cron","hour":9,"end_date":"2026-01-03 09:00:00"}""");
        Assert.Equal(["2026-01-02T09:00:00+08:00", "2026-01-03T09:00:00+08:00"], Fires(schedule, "2026-01-02T00:00:00+08:00", 5));
        var before = Parse("""{"type":"cron","hour":9,"end_date":"2026-01-03 08:59:59"}""");
        Assert.Equal(["2026-01-02T09:00:00+08:00"], Fires(before, "2026-01-02T00:00:00+08:00", 5));
    }

    [Fact]
    public void Next_fire_is_strictly_after_the_previous_one()
    {
        var schedule = Parse("""{"type":"cron","hour":9}""");
        Assert.Equal(At("2026-01-03T09:00:00+08:00"), schedule.GetNextFireTime(At("2026-01-02T09:00:00+08:00")));
        Assert.Equal(At("2026-01-02T09:00:00+08:00"), schedule.GetFirstFireTime(At("2026-01-02T09:00:00+08:00")));
        Assert.Equal(At("2026-01-02T09:00:00+08:00"), schedule.GetFirstFireTime(At("2026-01-02T08:59:59.5+08:00")));
    }
}
