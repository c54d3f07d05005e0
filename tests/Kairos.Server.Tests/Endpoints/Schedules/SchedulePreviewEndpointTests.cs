using System.Net;
using System.Text.Json;
using Kairos.Server.Tests.Fixtures;

namespace Kairos.Server.Tests.Endpoints.Schedules;

/// <summary>The preview endpoint through the real server (default zone Asia/Shanghai, +08:00 all year).</summary>
[Collection(KeyedServerCollection.Name)]
public class SchedulePreviewEndpointTests(KeyedServerFixture fixture)
{
    private const string Preview = "api/v1/scheduler/schedules/preview";
    private readonly KairosServerProcess _server = fixture.Server;

    private async Task<string[]> FireTimesAsync(string body)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, KeyedServerFixture.AdminKey, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["fire_times"], root.EnumerateObject().Select(p => p.Name));
        return [.. root.GetProperty("fire_times").EnumerateArray().Select(t => t.GetString()!)];
    }

    private async Task<Dictionary<string, string[]>> ErrorsAsync(string body)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, KeyedServerFixture.AdminKey, body);
        return await ProblemAssert.IsValidationProblemAsync(response);
    }

    [Fact]
    public async Task DailyCron_SeedExample_FiresAt1530InTheDefaultZone() =>
        Assert.Equal(
            ["2026-01-01T15:30:00+08:00", "2026-01-02T15:30:00+08:00", "2026-01-03T15:30:00+08:00"],
            await FireTimesAsync("""{"schedule":{"type":"cron","hour":15,"minute":30,"second":0},"from":"2026-01-01T00:00:00+08:00","count":3}"""));

    [Fact]
    public async Task HourlyInterval_WithoutStartDate_FirstFireIsOneIntervalAfterFrom() =>
        Assert.Equal(
            ["2026-01-01T11:00:00+08:00", "2026-01-01T12:00:00+08:00"],
            await FireTimesAsync("""{"schedule":{"type":"interval","hours":1},"from":"2026-01-01T10:00:00+08:00","count":2}"""));

    [Fact]
    public async Task DateSchedule_YieldsItsOneRunDate() =>
        Assert.Equal(
            ["2024-12-31T23:59:59+08:00"],
            await FireTimesAsync("""{"schedule":{"type":"date","run_date":"2024-12-31 23:59:59"},"from":"2024-01-01T00:00:00+08:00","count":5}"""));

    [Fact]
    public async Task SundaysAt0200() =>
        Assert.Equal(
            ["2026-01-04T02:00:00+08:00", "2026-01-11T02:00:00+08:00"],
            await FireTimesAsync("""{"schedule":{"type":"cron","day_of_week":"sun","hour":2,"minute":0},"from":"2026-01-01T00:00:00+08:00","count":2}"""));

    [Fact]
    public async Task FirstOfEachMonthAt0600() =>
        Assert.Equal(
            ["2026-02-01T06:00:00+08:00", "2026-03-01T06:00:00+08:00"],
            await FireTimesAsync("""{"schedule":{"type":"cron","day":1,"hour":6,"minute":0},"from":"2026-01-01T07:00:00+08:00","count":2}"""));

    [Fact]
    public async Task SpringForwardGap_FiresAtTheFirstInstantAfterIt_WithTheNewOffset()
    {
        var times = await FireTimesAsync(
            """{"schedule":{"type":"cron","hour":2,"minute":30,"timezone":"America/New_York"},"from":"2026-03-08T01:00:00-05:00","count":3}""");

        Assert.Equal(["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"], times);
    }

    [Fact]
    public async Task FromWithAFraction_IsRoundedUpToTheNextSecond()
    {
        var times = await FireTimesAsync("""{"schedule":{"type":"cron","hour":15,"minute":30},"from":"2026-01-01T15:30:00.001+08:00","count":1}""");

        Assert.Equal(["2026-01-02T15:30:00+08:00"], times);
    }

    [Fact]
    public async Task CountDefaultsToTen() =>
        Assert.Equal(10, (await FireTimesAsync("""{"schedule":{"type":"cron","minute":0},"from":"2026-01-01T00:00:00Z"}""")).Length);

    [Fact]
    public async Task FromDefaultsToNow()
    {
        var times = await FireTimesAsync("""{"schedule":{"type":"cron","minute":"*"},"count":1}""");

        var first = DateTimeOffset.Parse(Assert.Single(times), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(first.Year, 2025, 2100);
        Assert.EndsWith("+08:00", times[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndedSchedule_IsAnEmptyList() =>
        Assert.Empty(await FireTimesAsync("""{"schedule":{"type":"cron","hour":3,"end_date":"2020-01-01"},"from":"2026-01-01T00:00:00Z","count":3}"""));

    [Fact]
    public async Task BadScheduleField_IsKeyedByItsPath()
    {
        var errors = await ErrorsAsync("""{"schedule":{"type":"cron","hour":25},"from":"2026-01-01T00:00:00Z"}""");

        Assert.Contains("25", Assert.Single(errors["schedule.hour"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBodyField_Is400NamingIt()
    {
        var errors = await ErrorsAsync("""{"schedule":{"type":"cron","hour":3},"froms":"2026-01-01T00:00:00Z"}""");

        Assert.Equal(["froms"], errors.Keys);
    }

    [Fact]
    public async Task UnknownScheduleField_IsKeyedUnderSchedule()
    {
        var errors = await ErrorsAsync("""{"schedule":{"type":"cron","hour":3,"hours":4}}""");

        Assert.Contains("schedule.hours", errors.Keys);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("2.5")]
    [InlineData("\"10\"")]
    public async Task CountOutsideOneToAThousand_IsAnError(string count)
    {
        var errors = await ErrorsAsync($$"""{"schedule":{"type":"cron","hour":3},"count":{{count}}}""");

        Assert.Equal(["count"], errors.Keys);
    }

    [Fact]
    public async Task CountOfAThousand_IsAllowed() =>
        Assert.Equal(1000, (await FireTimesAsync("""{"schedule":{"type":"cron","second":"*"},"from":"2026-01-01T00:00:00Z","count":1000}""")).Length);

    [Theory]
    [InlineData("\"2026-01-01T00:00:00\"")]
    [InlineData("\"2026-01-01\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("12")]
    public async Task FromWithoutOffsetOrMalformed_IsAnError(string from)
    {
        var errors = await ErrorsAsync($$"""{"schedule":{"type":"cron","hour":3},"from":{{from}}}""");

        Assert.Equal(["from"], errors.Keys);
    }

    [Fact]
    public async Task MissingSchedule_IsAnError() =>
        Assert.Equal(["schedule"], (await ErrorsAsync("""{"count":3}""")).Keys);

    [Fact]
    public async Task SeveralProblems_AreReportedTogether()
    {
        var errors = await ErrorsAsync("""{"schedule":{"type":"cron","hour":25},"count":0,"extra":1}""");

        Assert.Contains("schedule.hour", errors.Keys);
        Assert.Contains("count", errors.Keys);
        Assert.Contains("extra", errors.Keys);
    }

    [Fact]
    public async Task EventSchedule_CannotBePreviewed()
    {
        var errors = await ErrorsAsync("""{"schedule":{"type":"event","event_type":"fund.nav.updated"}}""");

        Assert.Contains("schedule.type", errors.Keys);
    }

    [Fact]
    public async Task BodyThatIsNotAnObject_Is400()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, Preview, KeyedServerFixture.AdminKey, "[1,2]");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
