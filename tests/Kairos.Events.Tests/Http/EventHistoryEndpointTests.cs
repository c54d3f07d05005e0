using System.Net;
using System.Text.Json;
using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Http;

public class EventHistoryEndpointTests
{
    private static async Task<(string[] Ids, string? NextCursor)> ListAsync(EventsApiHost host, string query)
    {
        var response = await host.Client.GetAsync("events?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        var ids = body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
        var cursor = body.GetProperty("next_cursor");
        return (ids, cursor.ValueKind == JsonValueKind.Null ? null : cursor.GetString());
    }

    [Fact]
    public async Task GET_events_filters_by_type_pattern_source_subject_run_and_time()
    {
        await using var host = await EventsApiHost.StartAsync();
        async Task<KairosEvent> At(int minute, string type, string source, string? subject = null, string? runId = null)
        {
            host.Harness.Time.SetUtcNow(SignallingTimeProvider.DefaultStart.AddMinutes(minute));
            return await host.Bus.PublishAsync(BusHarness.Draft(type, source: source, subject: subject, runId: runId));
        }
        var e1 = await At(0, "fund.nav.updated", "funds", "F1", "r1");
        var e2 = await At(1, "fund.positions.synced", "funds", "F2", "r1");
        var e3 = await At(2, "fund.nav", "funds", "F1");
        var e4 = await At(3, "okx.positions.synced", "okx", "BTC", "r2");
        var e5 = await At(4, "data.report.completed", "reports");

        (string Query, KairosEvent[] Expected)[] cases =
        [
            ("", [e5, e4, e3, e2, e1]),
            ("type=fund.*", [e3]),
            ("type=fund.%23", [e3, e2, e1]),
            ("type=%23.synced", [e4, e2]),
            ("type=*.completed", []),
            ("type=fund.nav.updated", [e1]),
            ("source=okx", [e4]),
            ("subject=F1", [e3, e1]),
            ("run_id=r1", [e2, e1]),
            ("since=2025-03-14T09:31:00Z&until=2025-03-14T09:33:00Z", [e3, e2]),
            ("since=2025-03-14T17:33:00+08:00", [e5, e4]), // an unencoded '+' arrives as a space
            ("type=fund.%23&subject=F1&run_id=r1", [e1]),
        ];
        foreach (var (query, expected) in cases)
        {
            var (ids, cursor) = await ListAsync(host, query);
            Assert.True(expected.Select(e => e.Id).SequenceEqual(ids), $"GET events?{query}");
            Assert.Null(cursor);
        }
    }

    [Fact]
    public async Task GET_events_pages_newest_first_with_a_cursor()
    {
        await using var host = await EventsApiHost.StartAsync();
        var published = new List<KairosEvent>();
        for (var i = 0; i < 25; i++)
        {
            published.Add(await host.Harness.PublishAsync(i % 5 == 0 ? "other.thing" : "page.item"));
        }

        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var (ids, next) = await ListAsync(host, "type=page.item&limit=8" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            pages.Add(ids);
            cursor = next;
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([8, 8, 4], pages.Select(p => p.Length));
        var expected = published.Where(e => e.Type == "page.item").OrderByDescending(e => e.Sequence).Select(e => e.Id);
        Assert.Equal(expected, pages.SelectMany(p => p));
    }

    [Fact]
    public async Task GET_events_item_shape_is_a_structured_CloudEvent()
    {
        await using var host = await EventsApiHost.StartAsync();
        var evt = await host.Bus.CreatePublisher("funds", runId: "run-9", depth: 1)
            .PublishAsync("fund.nav.updated", new { FundCode = "F1", Nav = 1.5m }, subject: "F1");

        var response = await host.Client.GetAsync("events");
        var item = (await Json.ReadAsync(response)).GetProperty("items")[0];

        Assert.Equal(
            $$"""{"specversion":"1.0","id":"{{evt.Id}}","type":"fund.nav.updated","source":"funds","time":"2025-03-14T09:30:00Z","subject":"F1","datacontenttype":"application/json","data":{"fund_code":"F1","nav":1.5},"runid":"run-9","kairosdepth":1,"sequence":{{evt.Sequence}}}""",
            item.GetRawText());
        var one = await host.Client.GetAsync($"events/{evt.Id}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(item.GetRawText(), (await Json.ReadAsync(one)).GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("events/no-such-event")).StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2025-13-01T00:00:00Z", "until")]
    [InlineData("since=2025-03-02T00:00:00Z&until=2025-03-01T00:00:00Z", "until")]
    [InlineData("type=fund..nav", "type")]
    [InlineData("source=a&source=b", "source")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task GET_events_answers_bad_parameters_with_a_validation_problem(string query, string field)
    {
        await using var host = await EventsApiHost.StartAsync();
        var response = await host.Client.GetAsync("events?" + query);
        Assert.Equal([field], await Json.ErrorKeysAsync(response));
    }

    [Fact]
    public async Task GET_events_limit_error_says_the_range()
    {
        await using var host = await EventsApiHost.StartAsync();
        var problem = await Json.ReadAsync(await host.Client.GetAsync("events?limit=5000"));
        Assert.Equal("must be between 1 and 1000", problem.GetProperty("errors").GetProperty("limit")[0].GetString());
    }
}
