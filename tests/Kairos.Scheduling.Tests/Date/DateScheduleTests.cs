using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Date;

public class DateScheduleTests
{
    [Fact]
    public void Seed_example_fires_once_at_its_wall_clock_time_even_in_the_past()
    {
        var schedule = Parse("""{"type":"date","run_date":"2024-12-31 23:59:59"}""");
        Assert.Equal(["2024-12-31T23:59:59+08:00"], Fires(schedule, "2026-01-01T00:00:00+08:00", 5));
        Assert.Equal(At("2024-12-31T23:59:59+08:00"), schedule.GetFirstFireTime(At("2030-01-01T00:00:00Z")));
        Assert.Null(schedule.GetNextFireTime(At("2024-12-31T23:59:59+08:00")));
    }

    [Theory]
    [InlineData("2024-12-31", "2024-12-31T00:00:00+08:00")]
    [InlineData("2024-12-31T23:59:59", "2024-12-31T23:59:59+08:00")]
    [InlineData("2024-12-31 23:59", "2024-12-31T23:59:00+08:00")]
    [InlineData("2024-12-31 23:59:59.999", "2024-12-31T23:59:59+08:00")]
    [InlineData("2024-12-31T23:59:59Z", "2025-01-01T07:59:59+08:00")]
    [InlineData("2024-12-31T23:59:59+05:30", "2025-01-01T02:29:59+08:00")]
    [InlineData("2024-12-31T23:59:59.5-0100", "2025-01-01T08:59:59+08:00")]
    public void Run_date_formats(string text, string expected)
    {
        Assert.Equal(expected, Iso(((DateSchedule)Parse($$"""{"type":"date","run_date":"{{text}}"}""")).RunDate));
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-08 02:30:00", "2026-03-08T03:30:00-04:00")]
    [InlineData("Europe/Berlin", "2026-03-29 02:30:00", "2026-03-29T03:30:00+02:00")]
    [InlineData("Australia/Sydney", "2026-10-04 02:30:00", "2026-10-04T03:30:00+11:00")]
    [InlineData("Pacific/Apia", "2011-12-30 10:00:00", "2011-12-31T10:00:00+14:00")]
    public void A_wall_time_in_a_gap_moves_forward_by_the_gap_length(string zone, string text, string expected)
    {
        Assert.Equal(expected, Iso(((DateSchedule)Parse($$"""{"type":"date","run_date":"{{text}}","timezone":"{{zone}}"}""")).RunDate));
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01 01:30:00", "2026-11-01T01:30:00-04:00")]
    [InlineData("Europe/Berlin", "2026-10-25 02:30:00", "2026-10-25T02:30:00+02:00")]
    [InlineData("Australia/Sydney", "2026-04-05 02:30:00", "2026-04-05T02:30:00+11:00")]
    public void A_wall_time_that_happens_twice_means_its_first_occurrence(string zone, string text, string expected)
    {
        Assert.Equal(expected, Iso(((DateSchedule)Parse($$"""{"type":"date","run_date":"{{text}}","timezone":"{{zone}}"}""")).RunDate));
    }

    [Fact]
    public void No_run_date_means_now_in_whole_seconds()
    {
        var schedule = (DateSchedule)Parse("""{"type":"date"}""", now: At("2026-01-01T10:00:00.7+08:00"));
        Assert.Equal(At("2026-01-01T10:00:00+08:00"), schedule.RunDate);
    }

    [Fact]
    public void Counts_its_one_fire_when_in_range()
    {
        var schedule = Parse("""{"type":"date","run_date":"2026-01-01 12:00:00"}""");
        var run = At("2026-01-01T12:00:00+08:00");
        Assert.Equal(new FireCount(1, false, run, run), schedule.CountFires(run, run, 10));
        Assert.Equal(FireCount.None, schedule.CountFires(run.AddSeconds(1), run.AddDays(1), 10));
        Assert.Equal(new FireCount(0, true, run, run), schedule.CountFires(run, run, 0));
    }
}
