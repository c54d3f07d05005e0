using System.Net;
using System.Net.Http.Headers;
using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Http;

public class EventStreamEndpointTests
{
    private static async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(EventsApiHost host, string query, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "events/stream" + query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var deadline = Deadlines.Start();
        var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync(deadline.Token)));
    }

    private static void AssertPersisted(SseMessage message, KairosEvent expected)
    {
        Assert.Equal(expected.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Id);
        Assert.Equal(expected.Type, message.Event);
        var data = CloudEventJson.Parse(message.Data!);
        Assert.Equal((expected.Id, expected.Sequence), (data.Id, data.Sequence));
    }

    [Fact]
    public async Task SSE_stream_resumes_after_Last_Event_ID_then_delivers_live_events()
    {
        await using var host = await EventsApiHost.StartAsync();
        var e1 = await host.Harness.PublishAsync("fund.nav.updated");
        var e2 = await host.Harness.PublishAsync("fund.nav.updated");
        await host.Harness.PublishAsync("okx.positions.synced");
        var e3 = await host.Harness.PublishAsync("fund.positions.synced");

        var (response, reader) = await OpenAsync(host, "?type=fund.%23", lastEventId: e1.Sequence);
        using (response)
        using (reader)
        {
            AssertPersisted(await reader.NextAsync(), e2);
            AssertPersisted(await reader.NextAsync(), e3);

            var e4 = await host.Harness.PublishAsync("fund.nav.updated", new { nav = 1 });
            var live = await reader.NextAsync();
            AssertPersisted(live, e4);
            Assert.DoesNotContain('\n', live.Data!);

            host.Bus.DispatchTransient(new KairosEvent { Id = "transient-1", Type = "fund.run.started", Source = "kairos", Time = host.Harness.Time.GetUtcNow() });
            var transient = await reader.NextAsync();
            Assert.Null(transient.Id); // no id: a reconnect resumes from the last persisted event
            Assert.Equal("fund.run.started", transient.Event);
            Assert.Equal("transient-1", CloudEventJson.Parse(transient.Data!).Id);
        }
    }

    [Fact]
    public async Task SSE_stream_without_Last_Event_ID_is_live_only_and_sends_heartbeats()
    {
        await using var host = await EventsApiHost.StartAsync();
        await host.Harness.PublishAsync("a.before");

        var (response, reader) = await OpenAsync(host, "");
        using (response)
        using (reader)
        {
            var heartbeatDue = await host.Harness.Time.NextTimerAsync();
            Assert.Equal(TimeSpan.FromSeconds(15), heartbeatDue);
            var live = await host.Harness.PublishAsync("a.after");
            AssertPersisted(await reader.NextAsync(), live);

            host.Harness.Time.Advance(heartbeatDue);
            Assert.Equal("heartbeat", (await reader.NextAsync()).Comment);
        }
    }

    [Theory]
    [InlineData("", "abc", "Last-Event-ID")]
    [InlineData("?type=fund..x", null, "type")]
    public async Task SSE_stream_answers_bad_input_with_a_validation_problem(string query, string? lastEventId, string field)
    {
        await using var host = await EventsApiHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "events/stream" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await host.Client.SendAsync(request);
        Assert.Equal([field], await Json.ErrorKeysAsync(response));
    }
}
