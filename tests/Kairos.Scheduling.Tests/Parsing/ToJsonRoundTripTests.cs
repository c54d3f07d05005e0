using System.Text.Json;
using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Parsing;

public class ToJsonRoundTripTests
{
    [Theory]
    [InlineData("""{"type":"cron","hour":15,"minute":30,"second":0}""")]
    [InlineData("""{"type":"cron","day":"last fri","hour":"*/2","timezone":"America/New_York","start_date":"2026-03-08 02:30:00","end_date":"2027-01-01","jitter":30}""")]
    [InlineData("""{"type":"cron","expression":"0 2 * * 0","timezone":"Europe/Berlin"}""")]
    [InlineData("""{"type":"interval","hours":1}""")]
    [InlineData("""{"type":"interval","minutes":1.5,"start_date":"2026-11-01 01:30:00","timezone":"America/New_York","end_date":"2026-11-02"}""")]
    [InlineData("""{"type":"date","run_date":"2024-12-31 23:59:59"}""")]
    [InlineData("""{"type":"date"}""")]
    [InlineData("""{"type":"event","event_type":"fund.nav.updated","filter":"x > 1"}""")]
    public void Parsing_the_canonical_json_gives_the_same_schedule_whatever_the_context(string json)
    {
        var original = Parse(json, "Asia/Shanghai", At("2026-01-01T10:00:00.5+08:00"));
        var canonical = original.ToString();
        using var document = JsonDocument.Parse(canonical);
        var reparsed = ScheduleParser.Parse(document.RootElement, new ScheduleContext(Zone("UTC"), At("2031-06-01T00:00:00Z")));
        Assert.True(reparsed.IsValid);
        Assert.Equal(canonical, reparsed.Schedule!.ToString());
        Assert.Equal(Fires(original, "2026-01-01T00:00:00Z", 20), Fires(reparsed.Schedule, "2026-01-01T00:00:00Z", 20));
        Assert.Equal(original.TimeZone.Id, reparsed.Schedule.TimeZone.Id);
        Assert.Equal(original.Jitter, reparsed.Schedule.Jitter);
    }

    [Fact]
    public void Interval_stores_its_resolved_anchor_and_zone()
    {
        var json = Parse("""{"type":"interval","hours":1}""", "Asia/Shanghai", At("2026-01-01T10:00:00.9+08:00")).ToString();
        Assert.Equal("""{"type":"interval","hours":1,"start_date":"2026-01-01T11:00:00+08:00","timezone":"Asia/Shanghai"}""", json);
    }

    [Fact]
    public void Date_stores_its_resolved_run_date()
    {
        var json = Parse("""{"type":"date","run_date":"2026-03-08 02:30:00","timezone":"America/New_York"}""").ToString();
        Assert.Equal("""{"type":"date","run_date":"2026-03-08T03:30:00-04:00","timezone":"America/New_York"}""", json);
    }

    [Fact]
    public void Cron_keeps_its_fields_as_written_and_names_its_zone()
    {
        var json = Parse("""{"type":"cron","minute":" */15 ","hour":9,"jitter":0}""").ToString();
        Assert.Equal("""{"type":"cron","hour":9,"minute":"*/15","timezone":"Asia/Shanghai"}""", json);
    }
}
