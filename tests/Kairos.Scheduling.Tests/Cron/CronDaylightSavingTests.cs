using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>
/// Cronos's (Vixie cron's) rule. 2026 transitions: New York 03-08 02:00→03:00 and 11-01 02:00→01:00;
/// Berlin 03-29 02:00→03:00 and 10-25 03:00→02:00; Sydney 04-05 03:00→02:00 and 10-04 02:00→03:00.
/// </summary>
public class CronDaylightSavingTests
{
    [Theory]
    [InlineData("America/New_York", "2026-03-07T00:00:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00")]
    [InlineData("Europe/Berlin", "2026-03-28T00:00:00+01:00", "2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00")]
    [InlineData("Australia/Sydney", "2026-10-03T00:00:00+10:00", "2026-10-03T02:30:00+10:00", "2026-10-04T03:00:00+11:00", "2026-10-05T02:30:00+11:00")]
    public void A_time_inside_the_spring_gap_fires_at_the_first_instant_after_it(string zone, string from, string day1, string gapDay, string day3)
    {
        Assert.Equal([day1, gapDay, day3], Fires($$"""{"type":"cron","hour":2,"minute":30,"timezone":"{{zone}}"}""", zone, from, 3));
        Assert.Equal([day1, gapDay, day3], Fires($$"""{"type":"cron","expression":"30 2 * * *","timezone":"{{zone}}"}""", zone, from, 3));
    }

    [Fact]
    public void Several_matches_inside_one_gap_make_one_fire()
    {
        Assert.Equal(
            ["2026-03-07T02:45:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00"],
            Fires("""{"type":"cron","hour":2,"minute":"*/15","timezone":"America/New_York"}""", "America/New_York", "2026-03-07T02:45:00-05:00", 3));
    }

    [Fact]
    public void Preview_from_before_the_gap_starts_with_the_moved_fire()
    {
        Assert.Equal(
            ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"],
            Fires("""{"type":"cron","hour":2,"minute":30,"timezone":"America/New_York"}""", "America/New_York", "2026-03-08T01:00:00-05:00", 2));
    }

    [Theory]
    [InlineData("America/New_York", 1, "2026-10-31T00:00:00-04:00", "2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00")]
    [InlineData("Europe/Berlin", 2, "2026-10-24T00:00:00+02:00", "2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00")]
    [InlineData("Australia/Sydney", 2, "2026-04-04T00:00:00+11:00", "2026-04-04T02:30:00+11:00", "2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00")]
    public void A_fixed_time_inside_the_fall_back_overlap_fires_once_at_its_first_pass(string zone, int hour, string from, string day1, string overlapDay, string day3)
    {
        Assert.Equal([day1, overlapDay, day3], Fires($$"""{"type":"cron","hour":{{hour}},"minute":30,"timezone":"{{zone}}"}""", zone, from, 3));
        Assert.Equal([day1, overlapDay, day3], Fires($$"""{"type":"cron","expression":"30 {{hour}} * * *","timezone":"{{zone}}"}""", zone, from, 3));
    }

    [Fact]
    public void An_interval_like_schedule_fires_in_both_passes_of_the_overlap()
    {
        // {"minute":30} fills in hour "*": interval-like, like Cronos's "30 * * * *".
        Assert.Equal(
            ["2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T02:30:00-05:00"],
            Fires("""{"type":"cron","minute":30,"timezone":"America/New_York"}""", "America/New_York", "2026-11-01T00:00:00-04:00", 4));
    }

    [Fact]
    public void Interval_likeness_is_judged_on_the_filled_in_fields()
    {
        Assert.True(((CronSchedule)Parse("""{"type":"cron","minute":30}""")).IsIntervalLike);
        Assert.False(((CronSchedule)Parse("""{"type":"cron","hour":1,"minute":30}""")).IsIntervalLike);
        Assert.True(((CronSchedule)Parse("""{"type":"cron","hour":"1-2","minute":30}""")).IsIntervalLike);
        Assert.False(((CronSchedule)Parse("""{"type":"cron","hour":1,"minute":"0,30"}""")).IsIntervalLike);
        Assert.True(((CronSchedule)Parse("""{"type":"cron","expression":"*/15 1 * * *"}""")).IsIntervalLike);
        Assert.False(((CronSchedule)Parse("""{"type":"cron","expression":"0,15,30,45 1 * * *"}""")).IsIntervalLike);
    }

    [Fact]
    public void A_list_of_minutes_in_a_fixed_hour_fires_once_in_the_overlap()
    {
        Assert.Equal(
            ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:00:00-05:00"],
            Fires("""{"type":"cron","hour":1,"minute":"0,30","timezone":"America/New_York"}""", "America/New_York", "2026-11-01T00:00:00-04:00", 3));
    }

    [Theory]
    [InlineData("""{"type":"cron","minute":"*/15","timezone":"America/New_York"}""")]
    [InlineData("""{"type":"cron","expression":"*/15 * * * *","timezone":"America/New_York"}""")]
    public void Every_15_minutes_keeps_15_elapsed_minutes_across_both_transitions(string json)
    {
        var schedule = Parse(json);
        Assert.Equal(
            ["2026-03-08T01:30:00-05:00", "2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:15:00-04:00"],
            Fires(schedule, "2026-03-08T01:30:00-05:00", 4));
        Assert.Equal(
            ["2026-11-01T01:30:00-04:00", "2026-11-01T01:45:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:15:00-05:00",
             "2026-11-01T01:30:00-05:00", "2026-11-01T01:45:00-05:00", "2026-11-01T02:00:00-05:00"],
            Fires(schedule, "2026-11-01T01:30:00-04:00", 7));
        foreach (var from in new[] { "2026-03-07T12:00:00-05:00", "2026-10-31T12:00:00-04:00" })
        {
            var fires = SchedulePreview.Compute(schedule, At(from), 24 * 4 * 2);
            Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(15), pair.Second - pair.First));
        }
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T12:00:00+01:00", "2026-10-24T12:00:00+02:00")]
    [InlineData("Australia/Sydney", "2026-04-04T12:00:00+11:00", "2026-10-03T12:00:00+10:00")]
    public void Every_15_minutes_keeps_15_elapsed_minutes_in_Berlin_and_Sydney(string zone, string beforeFallBackOrSpring, string beforeOther)
    {
        foreach (var json in new[] { $$"""{"type":"cron","minute":"*/15","timezone":"{{zone}}"}""", $$"""{"type":"cron","expression":"*/15 * * * *","timezone":"{{zone}}"}""" })
        {
            var schedule = Parse(json);
            foreach (var from in new[] { beforeFallBackOrSpring, beforeOther })
            {
                var fires = SchedulePreview.Compute(schedule, At(from), 24 * 4 * 2);
                Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(15), pair.Second - pair.First));
                Assert.Contains(fires, f => f.Offset != fires[0].Offset); // the window really crosses the transition
            }
        }
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-05", "2026-11-04")]
    [InlineData("Europe/Berlin", "2026-03-26", "2026-10-22")]
    [InlineData("Australia/Sydney", "2026-04-02", "2026-10-01")]
    public void A_daily_job_fires_once_on_every_day_across_23_and_25_hour_days(string zone, string springFrom, string fallFrom)
    {
        // APScheduler 3 skips the day after a 23-hour day (its issues #606 and #529); no time of day may skip or double.
        foreach (var time in new[] { (0, 0), (1, 0), (1, 30), (2, 0), (2, 30), (3, 0), (12, 0), (23, 30) })
        {
            var schedule = Parse($$"""{"type":"cron","hour":{{time.Item1}},"minute":{{time.Item2}},"timezone":"{{zone}}"}""");
            foreach (var start in new[] { springFrom, fallFrom })
            {
                var from = new DateTimeOffset(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture), Zone(zone).GetUtcOffset(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
                var days = SchedulePreview.Compute(schedule, from, 7).Select(f => DateOnly.FromDateTime(f.DateTime)).ToList();
                var firstDay = DateOnly.FromDateTime(from.DateTime);
                Assert.Equal(Enumerable.Range(0, 7).Select(firstDay.AddDays), days);
            }
        }
    }

    [Fact]
    public void Pacific_Apia_skipped_2011_12_30_daily_job_neither_skips_nor_doubles()
    {
        Assert.Equal(
            ["2011-12-29T10:00:00-10:00", "2011-12-31T10:00:00+14:00", "2012-01-01T10:00:00+14:00"],
            Fires("""{"type":"cron","hour":10,"timezone":"Pacific/Apia"}""", "Pacific/Apia", "2011-12-29T00:00:00-10:00", 3));
        Assert.Equal(
            ["2011-12-29T00:00:00-10:00", "2011-12-31T00:00:00+14:00", "2012-01-01T00:00:00+14:00"],
            Fires("""{"type":"cron","expression":"0 0 * * *","timezone":"Pacific/Apia"}""", "Pacific/Apia", "2011-12-29T00:00:00-10:00", 3));
        Assert.Equal(
            ["2011-12-29T23:30:00-10:00", "2011-12-31T23:30:00+14:00"],
            Fires("""{"type":"cron","hour":23,"minute":30,"timezone":"Pacific/Apia"}""", "Pacific/Apia", "2011-12-29T12:00:00-10:00", 2));
    }

    [Fact]
    public void Pacific_Apia_hourly_job_runs_straight_through_the_skipped_day()
    {
        Assert.Equal(
            ["2011-12-29T22:00:00-10:00", "2011-12-29T23:00:00-10:00", "2011-12-31T00:00:00+14:00", "2011-12-31T01:00:00+14:00"],
            Fires("""{"type":"cron","expression":"0 * * * *","timezone":"Pacific/Apia"}""", "Pacific/Apia", "2011-12-29T22:00:00-10:00", 4));
        var fifteen = Parse("""{"type":"cron","minute":"*/15","timezone":"Pacific/Apia"}""");
        var fires = SchedulePreview.Compute(fifteen, At("2011-12-29T12:00:00-10:00"), 200);
        Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(15), pair.Second - pair.First));
    }

    [Fact]
    public void Pacific_Apia_counts_and_resumes_from_inside_the_jump()
    {
        var daily = Parse("""{"type":"cron","hour":10,"timezone":"Pacific/Apia"}""");
        Assert.Equal(2, daily.CountFires(At("2011-12-29T00:00:00-10:00"), At("2011-12-31T23:59:59+14:00"), 100).Count);
        // An instant just before the jump asks for the next fire: the 31st, once.
        Assert.Equal(["2011-12-31T10:00:00+14:00", "2012-01-01T10:00:00+14:00"], Fires(daily, "2011-12-29T23:59:59-10:00", 2));
    }

    [Fact]
    public void Returned_times_carry_the_offset_in_force_at_that_instant()
    {
        var fires = SchedulePreview.Compute(Parse("""{"type":"cron","hour":12,"timezone":"America/New_York"}"""), At("2026-03-07T00:00:00Z"), 3);
        Assert.Equal([TimeSpan.FromHours(-5), TimeSpan.FromHours(-4), TimeSpan.FromHours(-4)], fires.Select(f => f.Offset));
    }
}
