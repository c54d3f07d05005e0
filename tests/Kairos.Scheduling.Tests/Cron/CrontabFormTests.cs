using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Cron;

/// <summary>The crontab form, read exactly as Cronos reads it.</summary>
public class CrontabFormTests
{
    private static string[] FiresOf(string expression, string from, int count) =>
        Fires($$"""{"type":"cron","expression":"{{expression}}"}""", "Asia/Shanghai", from, count);

    [Fact]
    public void Weekdays_at_15_30()
    {
        // 2026-01-02 is a Friday.
        Assert.Equal(["2026-01-02T15:30:00+08:00", "2026-01-05T15:30:00+08:00"], FiresOf("30 15 * * 1-5", "2026-01-02T00:00:00+08:00", 2));
    }

    [Fact]
    public void Six_fields_put_seconds_first()
    {
        Assert.Equal(["2026-01-01T00:00:10+08:00", "2026-01-01T00:00:40+08:00"], FiresOf("10/30 * * * * *", "2026-01-01T00:00:00+08:00", 2));
    }

    [Theory]
    [InlineData("@hourly", "2026-01-01T01:00:00+08:00")]
    [InlineData("@daily", "2026-01-02T00:00:00+08:00")]
    [InlineData("@weekly", "2026-01-04T00:00:00+08:00")]
    [InlineData("@monthly", "2026-02-01T00:00:00+08:00")]
    [InlineData("@yearly", "2027-01-01T00:00:00+08:00")]
    public void Macros(string macro, string expected)
    {
        Assert.Equal([expected], FiresOf(macro, "2026-01-01T00:00:01+08:00", 1));
    }

    [Fact]
    public void L_W_and_hash()
    {
        Assert.Equal(["2026-01-31T00:00:00+08:00", "2026-02-28T00:00:00+08:00"], FiresOf("0 0 L * *", "2026-01-01T00:00:00+08:00", 2));
        // Nearest weekday to the 1st of Feb 2026 (a Sunday) is Monday the 2nd.
        Assert.Equal(["2026-02-02T00:00:00+08:00"], FiresOf("0 0 1W 2 *", "2026-01-01T00:00:00+08:00", 1));
        // Second Friday.
        Assert.Equal(["2026-01-09T00:00:00+08:00", "2026-02-13T00:00:00+08:00"], FiresOf("0 0 * * 5#2", "2026-01-01T00:00:00+08:00", 2));
        Assert.Equal(["2026-01-30T00:00:00+08:00"], FiresOf("0 0 * * FRIL", "2026-01-01T00:00:00+08:00", 1));
    }

    [Fact]
    public void Reversed_ranges_wrap_as_Cronos_reads_them()
    {
        Assert.Equal(["2026-01-01T22:00:00+08:00", "2026-01-01T23:00:00+08:00", "2026-01-02T00:00:00+08:00", "2026-01-02T01:00:00+08:00", "2026-01-02T22:00:00+08:00"],
            FiresOf("0 22-1 * * *", "2026-01-01T12:00:00+08:00", 5));
    }

    [Fact]
    public void Start_date_end_date_and_time_zone_apply_to_the_crontab_form()
    {
        var schedule = Parse("""{"type":"cron","expression":"0 9 * * *","timezone":"Europe/Berlin","start_date":"2026-01-02","end_date":"2026-01-03 09:00:00"}""");
        Assert.Equal(["2026-01-02T09:00:00+01:00", "2026-01-03T09:00:00+01:00"], Fires(schedule, "2026-01-01T00:00:00Z", 5));
        Assert.Equal("0 9 * * *", ((CronSchedule)schedule).Expression);
    }
}
