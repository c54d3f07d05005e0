using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Subscriptions;

public class OrderingTests
{
    private sealed record Item(int Publisher, int Index);

    [Fact]
    public async Task Each_subscriber_receives_1000_events_in_publish_order()
    {
        await using var harness = await BusHarness.StartAsync();
        var all = new EventCollector();
        var narrow = new EventCollector();
        harness.Bus.Subscribe("#", all.Handler, new SubscriptionOptions { QueueCapacity = 2000 });
        harness.Bus.Subscribe("order.even", narrow.Handler, new SubscriptionOptions { QueueCapacity = 2000 });

        // Issued without awaiting each, so the writer commits them in batches.
        var published = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(i => harness.PublishAsync(i % 2 == 0 ? "order.even" : "order.odd", new Item(0, i))));

        var received = await all.TakeAsync(1000);
        Assert.Equal(Enumerable.Range(0, 1000), received.Select(e => e.GetData<Item>()!.Index));
        Assert.Equal(published.Select(e => e.Sequence), received.Select(e => e.Sequence));
        Assert.True(received.Zip(received.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        Assert.Equal(published.Select(e => e.Id), received.Select(e => e.Id));

        var even = await narrow.TakeAsync(500);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i * 2), even.Select(e => e.GetData<Item>()!.Index));
        await harness.DrainAsync();
        Assert.Equal(0, all.Pending + narrow.Pending);
        Assert.Equal(1000, harness.Bus.Metrics.Published);
        Assert.Equal(1500, harness.Bus.Metrics.Dispatched);
    }

    [Fact]
    public async Task Concurrent_publishers_each_keep_their_order_and_all_subscribers_see_one_order()
    {
        const int publishers = 8;
        const int perPublisher = 150;
        await using var harness = await BusHarness.StartAsync();
        var first = new EventCollector();
        var second = new EventCollector();
        harness.Bus.Subscribe("load.#", first.Handler, new SubscriptionOptions { QueueCapacity = 5000 });
        harness.Bus.Subscribe("load.#", second.Handler, new SubscriptionOptions { QueueCapacity = 5000 });

        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(async () =>
        {
            var publisher = harness.Bus.CreatePublisher($"publisher-{p}");
            for (var i = 0; i < perPublisher; i++)
            {
                await publisher.PublishAsync("load.tick", new Item(p, i)); // each awaits durability, as tasks do
            }
        })));

        var a = await first.TakeAsync(publishers * perPublisher);
        var b = await second.TakeAsync(publishers * perPublisher);
        Assert.Equal(a.Select(e => e.Sequence), b.Select(e => e.Sequence));
        Assert.True(a.Zip(a.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence));
        foreach (var group in a.Select(e => e.GetData<Item>()!).GroupBy(item => item.Publisher))
        {
            Assert.Equal(Enumerable.Range(0, perPublisher), group.Select(item => item.Index));
        }
    }
}
