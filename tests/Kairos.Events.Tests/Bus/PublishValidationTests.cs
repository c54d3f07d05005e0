using System.Text.Json;
using Kairos.Events.Tests.Support;

namespace Kairos.Events.Tests.Bus;

public class PublishValidationTests
{
    [Fact]
    public async Task PublishAsync_refuses_an_invalid_event_with_one_error_per_field_and_writes_nothing()
    {
        await using var harness = await BusHarness.StartAsync(new EventBusOptions { MaxDataBytes = 1024 });
        var draft = new EventDraft
        {
            Type = "fund nav!",
            Source = " ",
            Subject = new string('s', 256),
            Data = JsonSerializer.SerializeToElement(new { blob = new string('x', 2000) }),
        };

        var error = await Assert.ThrowsAsync<EventValidationException>(() => harness.Bus.PublishAsync(draft));

        Assert.Equal(["data", "source", "subject", "type"], error.Errors.Keys.Order());
        Assert.Contains("1024", error.Errors["data"][0], StringComparison.Ordinal);
        Assert.Equal(0, await harness.Store.Events.GetLastSequenceAsync());
    }

    [Theory]
    [InlineData("fund.nav.updated", true)]
    [InlineData("a", true)]
    [InlineData("fund.*", false)]
    [InlineData("fund..nav", false)]
    [InlineData(".fund", false)]
    public async Task PublishAsync_accepts_only_literal_dotted_types(string type, bool valid)
    {
        await using var harness = await BusHarness.StartAsync();
        var publish = () => harness.PublishAsync(type);
        if (valid)
        {
            Assert.Equal(type, (await publish()).Type);
        }
        else
        {
            Assert.Contains("type", (await Assert.ThrowsAsync<EventValidationException>(publish)).Errors.Keys);
        }
    }

    [Fact]
    public async Task A_publisher_serialises_data_with_Kairos_conventions_and_stamps_its_run()
    {
        await using var harness = await BusHarness.StartAsync();
        var publisher = harness.Bus.CreatePublisher("funds", runId: "run-1", depth: 3);

        var evt = await publisher.PublishAsync("fund.nav.updated", new { FundCode = "F1", Nav = 1.10m, Status = DayOfWeek.Friday }, subject: "F1");

        Assert.Equal("""{"fund_code":"F1","nav":1.10,"status":"friday"}""", JsonSerializer.Serialize(evt.Data));
        Assert.Equal(("funds", "run-1", 3, "F1"), (evt.Source, evt.RunId, evt.Depth, evt.Subject));
        Assert.Equal(harness.Time.GetUtcNow(), evt.Time);
        Assert.True(evt.Sequence > 0);
        var stored = await harness.Bus.GetAsync(evt.Id);
        Assert.NotNull(stored);
        Assert.Equal((evt.Sequence, evt.Time, evt.Type), (stored.Sequence, stored.Time, stored.Type));
        Assert.Equal(JsonSerializer.Serialize(evt.Data), JsonSerializer.Serialize(stored.Data));
    }

    [Fact]
    public async Task PublishAsync_after_stop_is_refused()
    {
        await using var harness = await BusHarness.StartAsync();
        await harness.DrainAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.PublishAsync("a.b"));
    }
}
