using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Subscriptions;

/// <summary>
/// The two races of a lagging subscriber rejoining live delivery, each forced deterministically through hooks on
/// the real SQLite log: an event dispatched while the last catch-up read was in flight must not be lost, and an
/// event the catch-up already read must not arrive a second time live.
/// </summary>
public class CatchUpSwitchOverTests
{
    private static async Task<(BusHarness Harness, InterceptingEventLog Log, EventCollector Received, TaskCompletionSource Release, List<KairosEvent> Published)>
        StartLaggingAsync()
    {
        InterceptingEventLog? log = null;
        var harness = await BusHarness.StartAsync(wrapLog: inner => log = new InterceptingEventLog(inner));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new EventCollector();
        harness.Bus.Subscribe("#", async (evt, ct) =>
        {
            await release.Task.WaitAsync(ct);
            received.Add(evt);
        }, new SubscriptionOptions { Name = "lagging", QueueCapacity = 1 });
        var published = new List<KairosEvent>();
        for (var i = 0; i < 4; i++)
        {
            published.Add(await harness.PublishAsync("race.item"));
        }
        Assert.True(harness.Bus.Metrics.Snapshot().Queues.Single().Lagging);
        return (harness, log!, received, release, published);
    }

    [Fact]
    public async Task An_event_dispatched_during_the_last_catch_up_read_is_not_lost()
    {
        var (harness, log, received, release, published) = await StartLaggingAsync();
        await using var _ = harness;

        // While the catch-up read is in flight, another event is committed and dispatched (and skipped: lagging).
        log.AfterNextRead = async _ => published.Add(await harness.PublishAsync("race.item"));
        log.Arm();
        release.SetResult();

        Assert.Equal(published.Select(e => e.Sequence), (await received.TakeAsync(5)).Select(e => e.Sequence));
        var live = await harness.PublishAsync("race.item");
        Assert.Equal(live.Sequence, (await received.TakeAsync(1))[0].Sequence);
    }

    [Fact]
    public async Task An_event_read_by_the_catch_up_before_its_dispatch_is_not_delivered_twice()
    {
        var (harness, log, received, release, published) = await StartLaggingAsync();
        await using var _ = harness;

        // The next event is committed; before the writer dispatches it, the subscriber catches up (reading it
        // from the log) and rejoins live delivery. Only then is it dispatched — live, to the rejoined queue.
        log.AfterNextAppend = async _ =>
        {
            release.SetResult();
            using var deadline = Deadlines.Start();
            while (harness.Bus.Metrics.Snapshot().Queues.Single().Lagging)
            {
                deadline.Token.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        };
        log.Arm();
        published.Add(await harness.PublishAsync("race.item"));

        Assert.Equal(published.Select(e => e.Sequence), (await received.TakeAsync(5)).Select(e => e.Sequence));
        var live = await harness.PublishAsync("race.item");
        Assert.Equal(live.Sequence, (await received.TakeAsync(1))[0].Sequence); // not the duplicate
        await harness.DrainAsync();
        Assert.Empty(received.Drain());
    }
}
