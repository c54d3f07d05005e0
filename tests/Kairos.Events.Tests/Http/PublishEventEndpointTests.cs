using System.Net;
using System.Text;
using System.Text.Json;
using Kairos.Events.Tests.Support;

namespace Kairos.Events.Tests.Http;

public class PublishEventEndpointTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task POST_events_publishes_and_answers_201_with_the_event_and_its_location()
    {
        await using var host = await EventsApiHost.StartAsync();
        var collector = new EventCollector();
        host.Bus.Subscribe("webhook.#", collector.Handler);

        var response = await host.Client.PostAsync("events", Body("""
            {"type": "webhook.payment.received",
             "subject": "INV-42",
             "data": {"amount": 12.30, "lines": ["a\nb"]}}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync(response);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("1.0", created.GetProperty("specversion").GetString());
        Assert.Equal("external", created.GetProperty("source").GetString());
        Assert.Equal("INV-42", created.GetProperty("subject").GetString());
        Assert.Equal("""{"amount":12.30,"lines":["a\nb"]}""", created.GetProperty("data").GetRawText());
        Assert.True(created.GetProperty("sequence").GetInt64() > 0);
        Assert.Equal($"{EventsApiHost.Prefix}/events/{id}", response.Headers.Location?.OriginalString);

        var delivered = (await collector.TakeAsync(1))[0];
        Assert.Equal(id, delivered.Id);
        var fetched = await host.Client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(created.GetRawText(), (await Json.ReadAsync(fetched)).GetRawText());
    }

    [Theory]
    [InlineData("""{"type":"a.b","colour":"red"}""", "colour")]
    [InlineData("""{"type":"a.b","specversion":"1.0"}""", "specversion")]
    [InlineData("""{"type":"not a type"}""", "type")]
    [InlineData("""{"type":"fund.#"}""", "type")]
    [InlineData("""{"subject":"x"}""", "type")]
    [InlineData("""{"type":7}""", "type")]
    [InlineData("""{"type":"a.b","subject":5}""", "subject")]
    [InlineData("""{"type":"a.b","source":""}""", "source")]
    [InlineData("""{"type":"a.b","data":{"blob":"__BIG__"}}""", "data")]
    [InlineData("""[{"type":"a.b"}]""", "body")]
    [InlineData("""{"type":""", "body")]
    [InlineData("", "body")]
    public async Task POST_events_answers_an_invalid_body_with_a_validation_problem(string json, string field)
    {
        await using var host = await EventsApiHost.StartAsync(new EventBusOptions { MaxDataBytes = 1024 });
        var response = await host.Client.PostAsync("events", Body(json.Replace("__BIG__", new string('x', 2000), StringComparison.Ordinal)));
        Assert.Equal([field], await Json.ErrorKeysAsync(response));
        Assert.Equal(0, await host.Harness.Store.Events.GetLastSequenceAsync());
    }

    [Fact]
    public async Task POST_events_refuses_a_body_far_beyond_the_data_limit()
    {
        await using var host = await EventsApiHost.StartAsync(new EventBusOptions { MaxDataBytes = 1024 });
        var json = JsonSerializer.Serialize(new { type = "a.b", data = new string('x', 100_000) });
        var response = await host.Client.PostAsync("events", Body(json));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
