using System.Diagnostics;
using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests;

/// <summary><see cref="Schedule.CountFires"/>: exact up to the limit, then a lower bound; fast.</summary>
public class FireCountTests
{
    [Theory]
    [InlineData("UTC", "2026-01-01T00:00:00Z", "2026-01-03T23:59:59Z")]
    [InlineData("Asia/Shanghai", "2026-01-01T00:00:00+08:00", "2026-01-03T23:59:59+08:00")]
    [InlineData("America/New_York", "2026-06-01T00:00:00-04:00", "2026-06-03T23:59:59-04:00")]
    [InlineData("America/New_York", "2026-03-07T00:00:00-05:00", "2026-03-10T00:59:59-04:00")]
    public void Per_second_schedule_counts_259200_fires_over_three_days_quickly(string zone, string from, string to)
    {
        var schedule = Parse($$"""{"type":"cron","second":"*","timezone":"{{zone}}"}""");
        schedule.CountFires(At(from), At(from).AddMinutes(1), 100); // warm up the zone's transition cache
        var watch = Stopwatch.StartNew();
        var count = schedule.CountFires(At(from), At(to), 1_000_000);
        watch.Stop();
        Assert.Equal(new FireCount(259_200, false, At(from), At(to)), count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Beyond_the_limit_the_count_is_a_lower_bound_and_last_is_still_the_true_last_fire()
    {
        var schedule = Parse("""{"type":"cron","second":"*","timezone":"UTC"}""");
        var count = schedule.CountFires(At("2026-01-01T00:00:00Z"), At("2026-01-03T23:59:59Z"), 1000);
        Assert.Equal(new FireCount(1000, true, At("2026-01-01T00:00:00Z"), At("2026-01-03T23:59:59Z")), count);

        var daily = Parse("""{"type":"cron","hour":9,"timezone":"UTC"}""");
        Assert.Equal(new FireCount(3, true, At("2026-01-01T09:00:00Z"), At("2026-12-31T09:00:00Z")),
            daily.CountFires(At("2026-01-01T00:00:00Z"), At("2026-12-31T23:59:59Z"), 3));
    }

    [Fact]
    public void Exactly_the_limit_is_exact()
    {
        var schedule = Parse("""{"type":"cron","hour":9,"timezone":"UTC"}""");
        Assert.Equal(new FireCount(3, false, At("2026-01-01T09:00:00Z"), At("2026-01-03T09:00:00Z")),
            schedule.CountFires(At("2026-01-01T00:00:00Z"), At("2026-01-03T23:00:00Z"), 3));
    }

    [Fact]
    public void Both_ends_of_the_range_are_inclusive()
    {
        var schedule = Parse("""{"type":"cron","minute":"*/30","timezone":"UTC"}""");
        Assert.Equal(3, schedule.CountFires(At("2026-01-01T00:00:00Z"), At("2026-01-01T01:00:00Z"), 100).Count);
        Assert.Equal(1, schedule.CountFires(At("2026-01-01T00:30:00Z"), At("2026-01-01T00:30:00Z"), 100).Count);
        Assert.Equal(FireCount.None, schedule.CountFires(At("2026-01-01T00:30:01Z"), At("2026-01-01T00:59:59Z"), 100));
        Assert.Equal(FireCount.None, schedule.CountFires(At("2026-01-02T00:00:00Z"), At("2026-01-01T00:00:00Z"), 100));
    }

    [Fact]
    public void The_25_hour_day_has_100_quarter_hours_and_the_23_hour_day_92()
    {
        var schedule = Parse("""{"type":"cron","minute":"*/15","timezone":"America/New_York"}""");
        Assert.Equal(100, schedule.CountFires(At("2026-11-01T00:00:00-04:00"), At("2026-11-01T23:59:59-05:00"), 1000).Count);
        Assert.Equal(92, schedule.CountFires(At("2026-03-08T00:00:00-05:00"), At("2026-03-08T23:59:59-04:00"), 1000).Count);
    }

    [Fact]
    public void Fires_outside_start_and_end_dates_are_not_counted()
    {
        var schedule = Parse("""{"type":"cron","hour":9,"timezone":"UTC","start_date":"2026-01-02","end_date":"2026-01-04 09:00:00"}""");
        Assert.Equal(new FireCount(3, false, At("2026-01-02T09:00:00Z"), At("2026-01-04T09:00:00Z")),
            schedule.CountFires(At("2026-01-01T00:00:00Z"), At("2026-01-10T00:00:00Z"), 100));
    }

    [Theory]
    [InlineData("""{"type":"cron","second":"*/7","timezone":"America/New_York"}""", "2026-10-31T12:00:00-04:00", "2026-11-02T12:00:00-05:00")]
    [InlineData("""{"type":"cron","second":"*/7","timezone":"America/New_York"}""", "2026-03-07T12:00:00-05:00", "2026-03-09T12:00:00-04:00")]
    [InlineData("""{"type":"cron","hour":"1-3","minute":"*/10","timezone":"Europe/Berlin"}""", "2026-10-20T00:00:00Z", "2026-10-30T00:00:00Z")]
    [InlineData("""{"type":"cron","hour":2,"minute":30,"timezone":"Australia/Sydney"}""", "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z")]
    [InlineData("""{"type":"cron","minute":"*/20","timezone":"Pacific/Apia"}""", "2011-12-28T00:00:00Z", "2012-01-02T00:00:00Z")]
    [InlineData("""{"type":"cron","year":2026,"month":11,"day":1,"hour":1,"minute":"*/30","timezone":"America/New_York"}""", "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")]
    public void Counting_agrees_with_walking_the_fires_one_by_one(string json, string from, string to)
    {
        var schedule = Parse(json);
        var walked = new List<DateTimeOffset>();
        for (var fire = schedule.GetFirstFireTime(At(from)); fire is { } f && f <= At(to); fire = schedule.GetNextFireTime(f))
        {
            walked.Add(f);
        }
        Assert.NotEmpty(walked);
        Assert.Equal(new FireCount(walked.Count, false, walked[0], walked[^1]), schedule.CountFires(At(from), At(to), 1_000_000));
        var cap = Math.Min(5, walked.Count - 1);
        Assert.Equal(new FireCount(cap, true, walked[0], walked[^1]), schedule.CountFires(At(from), At(to), cap));
    }
}
