using System.Text.Json;
using Kairos.Events.Tests.Support;
using Kairos.Storage.Events;

namespace Kairos.Events.Tests.Bus;

public class EventPersistenceTests
{
    private sealed record Nav(string FundCode, decimal Value);

    [Fact]
    public async Task Events_survive_a_restart_and_sequences_continue()
    {
        var directory = Directory.CreateTempSubdirectory("kairos-events-restart-").FullName;
        try
        {
            List<Sdk.Events.KairosEvent> published = [];
            await using (var first = await BusHarness.StartAsync(directory: directory))
            {
                var publisher = first.Bus.CreatePublisher("funds", runId: "run-7", depth: 2);
                published.Add(await publisher.PublishAsync("fund.nav.updated", new Nav("F001", 1.2345678901234567890m), subject: "F001"));
                first.Time.Advance(TimeSpan.FromMinutes(1));
                published.Add(await publisher.PublishAsync("fund.positions.synced"));
            }

            await using var second = await BusHarness.StartAsync(directory: directory);
            var history = await second.Bus.QueryAsync(new EventQuery());
            Assert.Equal(published.Select(e => e.Id).Reverse(), history.Items.Select(e => e.Id));

            var nav = history.Items[1];
            var original = published[0];
            Assert.Equal(original.Sequence, nav.Sequence);
            Assert.Equal(original.Time, nav.Time);
            Assert.Equal(("fund.nav.updated", "funds", "F001", "run-7", 2), (nav.Type, nav.Source, nav.Subject, nav.RunId, nav.Depth));
            Assert.Equal(new Nav("F001", 1.2345678901234567890m), nav.GetData<Nav>());
            Assert.Equal("""{"fund_code":"F001","value":1.2345678901234567890}""", JsonSerializer.Serialize(nav.Data));
            Assert.Null(history.Items[0].Data);

            var collector = new EventCollector();
            second.Bus.Subscribe("#", collector.Handler);
            var next = await second.PublishAsync("fund.nav.updated");
            Assert.Equal(published[^1].Sequence + 1, next.Sequence);
            Assert.Equal(next.Id, (await collector.TakeAsync(1))[0].Id); // no replay of old events to a new subscriber
        }
        finally
        {
            BusHarness.TryDelete(directory);
        }
    }
}
