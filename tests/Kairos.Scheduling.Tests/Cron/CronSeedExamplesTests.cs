using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>The schedules of the seed project, in both cron forms.</summary>
public class CronSeedExamplesTests
{
    [Fact]
    public void Daily_at_15_30_00_fires_every_day_at_that_time()
    {
        Assert.Equal(
            ["2026-01-01T15:30:00+08:00", "2026-01-02T15:30:00+08:00", "2026-01-03T15:30:00+08:00"],
            Fires("""{"type":"cron","hour":15,"minute":30,"second":0}""", "Asia/Shanghai", "2026-01-01T10:00:00+08:00", 3));
    }

    [Fact]
    public void Daily_at_15_30_skips_today_when_already_past()
    {
        Assert.Equal(
            ["2026-01-02T15:30:00+08:00"],
            Fires("""{"type":"cron","hour":15,"minute":30,"second":0}""", "Asia/Shanghai", "2026-01-01T15:30:01+08:00", 1));
    }

    [Theory]
    [InlineData("""{"type":"cron","day_of_week":"sun","hour":2,"minute":0}""")]
    [InlineData("""{"type":"cron","day_of_week":"6","hour":2,"minute":0}""")]
    [InlineData("""{"type":"cron","day_of_week":6,"hour":2}""")]
    [InlineData("""{"type":"cron","expression":"0 2 * * 0"}""")]
    [InlineData("""{"type":"cron","expression":"0 2 * * 7"}""")]
    [InlineData("""{"type":"cron","expression":"0 2 * * SUN"}""")]
    public void Sunday_at_02_00_in_both_forms(string json)
    {
        // 2026-01-04 is a Sunday.
        Assert.Equal(
            ["2026-01-04T02:00:00+08:00", "2026-01-11T02:00:00+08:00", "2026-01-18T02:00:00+08:00"],
            Fires(json, "Asia/Shanghai", "2026-01-01T00:00:00+08:00", 3));
    }

    [Theory]
    [InlineData("""{"type":"cron","day":1,"hour":6}""")]
    [InlineData("""{"type":"cron","day":"1","hour":"6","minute":"0"}""")]
    [InlineData("""{"type":"cron","expression":"0 6 1 * *"}""")]
    public void First_of_each_month_at_06_00(string json)
    {
        Assert.Equal(
            ["2026-02-01T06:00:00+08:00", "2026-03-01T06:00:00+08:00", "2026-04-01T06:00:00+08:00"],
            Fires(json, "Asia/Shanghai", "2026-01-01T06:00:01+08:00", 3));
    }
}
