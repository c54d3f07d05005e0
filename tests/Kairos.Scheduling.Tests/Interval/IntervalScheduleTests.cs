using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Interval;

public class IntervalScheduleTests
{
    [Fact]
    public void Every_hour_created_at_10_00_fires_at_11_00_12_00_and_on()
    {
        var schedule = Parse("""{"type":"interval","hours":1}""", now: At("2026-01-01T10:00:00+08:00"));
        Assert.Equal(["2026-01-01T11:00:00+08:00", "2026-01-01T12:00:00+08:00", "2026-01-01T13:00:00+08:00"], Fires(schedule, "2026-01-01T10:00:00+08:00", 3));
    }

    [Fact]
    public void The_anchor_is_the_creation_time_in_whole_seconds()
    {
        var schedule = (IntervalSchedule)Parse("""{"type":"interval","minutes":30}""", now: At("2026-01-01T10:00:00.7+08:00"));
        Assert.Equal(At("2026-01-01T10:30:00+08:00"), schedule.StartDate);
        Assert.Equal(TimeSpan.FromMinutes(30), schedule.Interval);
    }

    [Fact]
    public void A_future_start_date_is_the_first_fire()
    {
        var schedule = Parse("""{"type":"interval","days":1,"start_date":"2026-02-01 08:00:00"}""");
        Assert.Equal(["2026-02-01T08:00:00+08:00", "2026-02-02T08:00:00+08:00"], Fires(schedule, "2026-01-01T00:00:00+08:00", 2));
    }

    [Fact]
    public void A_start_date_keeps_milliseconds_so_jobs_can_be_placed_within_a_second()
    {
        var schedule = (IntervalSchedule)Parse("""{"type":"interval","seconds":1,"start_date":"2026-02-01T08:00:00.2509Z"}""");
        Assert.Equal(At("2026-02-01T08:00:00.250Z"), schedule.StartDate);
        Assert.Equal(At("2026-02-01T08:00:01.250Z"), schedule.GetNextFireTime(schedule.StartDate));
        Assert.Equal(At("2026-02-01T08:00:05.250Z"), schedule.GetFirstFireTime(At("2026-02-01T08:00:04.3Z")));
        Assert.Equal("2026-02-01T16:00:00.250+08:00", schedule.ToJson()["start_date"]!.GetValue<string>());
    }

    [Fact]
    public void A_whole_second_start_date_is_written_without_a_fraction()
    {
        var schedule = Parse("""{"type":"interval","seconds":1,"start_date":"2026-02-01T08:00:00.000Z"}""");
        Assert.Equal("2026-02-01T16:00:00+08:00", schedule.ToJson()["start_date"]!.GetValue<string>());
    }

    [Fact]
    public void A_past_start_date_continues_its_grid()
    {
        var schedule = Parse("""{"type":"interval","minutes":25,"start_date":"2026-01-01 09:00:00"}""");
        Assert.Equal(["2026-01-01T10:15:00+08:00", "2026-01-01T10:40:00+08:00"], Fires(schedule, "2026-01-01T10:00:00+08:00", 2));
        Assert.Equal(["2026-01-01T10:15:00+08:00"], Fires(schedule, "2026-01-01T10:15:00+08:00", 1));
    }

    [Fact]
    public void Components_add_up_and_may_be_fractions_of_whole_seconds()
    {
        var schedule = (IntervalSchedule)Parse("""{"type":"interval","weeks":1,"days":1,"hours":1,"minutes":1.5,"seconds":30}""");
        Assert.Equal(TimeSpan.FromDays(8) + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2), schedule.Interval);
    }

    [Fact]
    public void End_date_is_inclusive()
    {
        var schedule = Parse("""{"type":"interval","hours":1,"start_date":"2026-01-01 00:00:00","end_date":"2026-01-01 03:00:00"}""");
        Assert.Equal(["2026-01-01T00:00:00+08:00", "2026-01-01T01:00:00+08:00", "2026-01-01T02:00:00+08:00", "2026-01-01T03:00:00+08:00"],
            Fires(schedule, "2025-12-31T00:00:00+08:00", 10));
        Assert.Null(schedule.GetNextFireTime(At("2026-01-01T03:00:00+08:00")));
    }

    [Fact]
    public void Intervals_are_elapsed_time_across_daylight_saving()
    {
        var hourly = Parse("""{"type":"interval","hours":1,"start_date":"2026-11-01 00:00:00","timezone":"America/New_York"}""");
        Assert.Equal(["2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"],
            Fires(hourly, "2026-11-01T00:00:00-04:00", 4));
        var daily = Parse("""{"type":"interval","days":1,"start_date":"2026-03-07 12:00:00","timezone":"America/New_York"}""");
        Assert.Equal(["2026-03-07T12:00:00-05:00", "2026-03-08T13:00:00-04:00"], Fires(daily, "2026-03-07T00:00:00-05:00", 2));
    }

    [Fact]
    public void Next_fire_is_one_interval_after_a_fire()
    {
        var schedule = Parse("""{"type":"interval","seconds":90,"start_date":"2026-01-01 00:00:00"}""");
        Assert.Equal(At("2026-01-01T00:03:00+08:00"), schedule.GetNextFireTime(At("2026-01-01T00:01:30+08:00")));
        Assert.Equal(At("2026-01-01T00:00:00+08:00"), schedule.GetNextFireTime(At("2025-12-01T00:00:00+08:00")));
    }

    [Fact]
    public void Counts_by_arithmetic_over_a_century()
    {
        var schedule = Parse("""{"type":"interval","seconds":1,"start_date":"2026-01-01 00:00:00"}""");
        var count = schedule.CountFires(At("2026-01-01T00:00:00+08:00"), At("2126-01-01T00:00:00+08:00"), long.MaxValue);
        Assert.Equal((long)(At("2126-01-01T00:00:00+08:00") - At("2026-01-01T00:00:00+08:00")).TotalSeconds + 1, count.Count);
        Assert.False(count.IsLowerBound);
        var capped = schedule.CountFires(At("2026-01-01T00:00:00+08:00"), At("2026-01-02T00:00:00+08:00"), 10);
        Assert.Equal(new FireCount(10, true, At("2026-01-01T00:00:00+08:00"), At("2026-01-02T00:00:00+08:00")), capped);
    }
}
