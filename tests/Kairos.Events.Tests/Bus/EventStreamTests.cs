using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;

namespace Kairos.Events.Tests.Bus;

public class EventStreamTests
{
    private sealed record Tick(int Index);

    [Fact]
    public async Task StreamAsync_replays_after_a_sequence_then_goes_live_with_no_gap_and_no_duplicate()
    {
        // A queue of 8 forces the stream to fall behind and catch up from the log while publishing goes on.
        await using var harness = await BusHarness.StartAsync(new EventBusOptions { DefaultQueueCapacity = 8 });
        var before = new List<KairosEvent>();
        for (var i = 0; i < 20; i++)
        {
            before.Add(await harness.PublishAsync("tick.happened", new Tick(i)));
        }
        var resumeAfter = before[9].Sequence;

        using var deadline = Deadlines.Start();
        await using var stream = harness.Bus.StreamAsync(null, resumeAfter, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var firstMove = stream.MoveNextAsync(); // registers the stream

        var publishing = Task.Run(async () =>
        {
            var tasks = Enumerable.Range(20, 300).Select(i => harness.PublishAsync("tick.happened", new Tick(i))).ToList();
            return await Task.WhenAll(tasks);
        });

        var received = new List<KairosEvent>();
        Assert.True(await firstMove);
        received.Add(stream.Current);
        while (received[^1].GetData<Tick>()!.Index != 319 && await stream.MoveNextAsync())
        {
            received.Add(stream.Current);
        }
        var after = await publishing;

        var expected = before.Skip(10).Concat(after.OrderBy(e => e.Sequence)).Select(e => e.Sequence).ToList();
        Assert.Equal(expected, received.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(10, 310), received.Select(e => e.GetData<Tick>()!.Index).Order());
    }

    [Fact]
    public async Task StreamAsync_filters_by_pattern_and_includes_transient_events()
    {
        await using var harness = await BusHarness.StartAsync();
        var old = await harness.PublishAsync("fund.nav.updated");
        await harness.PublishAsync("okx.positions.synced");

        using var deadline = Deadlines.Start();
        await using var stream = harness.Bus.StreamAsync(TopicPattern.Parse("fund.#"), 0, deadline.Token).GetAsyncEnumerator(deadline.Token);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(old.Id, stream.Current.Id);

        var next = stream.MoveNextAsync();
        await harness.PublishAsync("okx.positions.synced");
        harness.Bus.DispatchTransient(new KairosEvent { Id = "t1", Type = "fund.run.started", Source = "kairos", Time = harness.Time.GetUtcNow() });
        var live = await harness.PublishAsync("fund.positions.synced");

        Assert.True(await next);
        Assert.Equal("t1", stream.Current.Id);
        Assert.Equal(0, stream.Current.Sequence);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(live.Id, stream.Current.Id);
    }

    [Fact]
    public async Task StreamAsync_without_a_sequence_is_live_only_and_ends_when_the_bus_stops()
    {
        await using var harness = await BusHarness.StartAsync();
        await harness.PublishAsync("a.b");

        using var deadline = Deadlines.Start();
        await using var stream = harness.Bus.StreamAsync(null, null, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var next = stream.MoveNextAsync();
        var live = await harness.PublishAsync("a.c");
        Assert.True(await next);
        Assert.Equal(live.Id, stream.Current.Id);

        var end = stream.MoveNextAsync();
        await harness.DrainAsync();
        Assert.False(await end);
    }
}
