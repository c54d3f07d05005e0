using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests;

public class SchedulePreviewTests
{
    [Fact]
    public void A_from_with_a_fraction_is_rounded_up_to_the_next_whole_second()
    {
        var schedule = Parse("""{"type":"cron","second":"*","timezone":"UTC"}""");
        Assert.Equal(["2026-01-01T00:00:01+00:00", "2026-01-01T00:00:02+00:00"], Fires(schedule, "2026-01-01T00:00:00.001Z", 2));
    }

    [Fact]
    public void Returns_fewer_when_the_schedule_ends_and_none_when_it_never_fires()
    {
        Assert.Equal(2, SchedulePreview.Compute(Parse("""{"type":"cron","hour":9,"end_date":"2026-01-02 09:00:00"}"""), At("2026-01-01T00:00:00+08:00"), 10).Count);
        Assert.Empty(SchedulePreview.Compute(Parse("""{"type":"cron","month":2,"day":31}"""), At("2026-01-01T00:00:00+08:00"), 10));
        Assert.Empty(SchedulePreview.Compute(Parse("""{"type":"cron","hour":9}"""), At("2026-01-01T00:00:00+08:00"), 0));
    }

    [Fact]
    public void A_date_schedule_previews_its_run_date_even_before_from()
    {
        Assert.Equal(["2024-12-31T23:59:59+08:00"], Fires(Parse("""{"type":"date","run_date":"2024-12-31 23:59:59"}"""), "2026-01-01T00:00:00Z", 10));
    }

    [Fact]
    public void Returns_exactly_count_fires_in_order()
    {
        var fires = SchedulePreview.Compute(Parse("""{"type":"cron","minute":"*/5"}"""), At("2026-01-01T00:00:00+08:00"), 1000);
        Assert.Equal(1000, fires.Count);
        Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(5), pair.Second - pair.First));
    }
}
