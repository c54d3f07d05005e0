using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.Subscriptions;

public class SubscriberIsolationTests
{
    private sealed record Tick(int Index);

    [Fact]
    public async Task A_slow_and_a_throwing_subscriber_beside_a_healthy_one()
    {
        await using var harness = await BusHarness.StartAsync();
        var bus = harness.Bus;

        var healthy = new EventCollector();
        bus.Subscribe("tick.#", healthy.Handler, new SubscriptionOptions { Name = "healthy" });

        // Slow: stuck on its first event until released, with a queue of 4 so it must overflow.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new EventCollector();
        bus.Subscribe("tick.#", async (evt, ct) =>
        {
            slowStarted.TrySetResult();
            await release.Task.WaitAsync(ct);
            slow.Add(evt);
        }, new SubscriptionOptions { Name = "slow", QueueCapacity = 4 });

        // Thrower: fails (synchronously) every time on the first event, handles the rest.
        var attempts = new EventCollector();
        var thrower = new EventCollector();
        bus.Subscribe("tick.#", (evt, _) =>
        {
            if (evt.GetData<Tick>()!.Index == 0)
            {
                attempts.Add(evt);
                throw new InvalidOperationException("poison");
            }
            thrower.Add(evt);
            return Task.CompletedTask;
        }, new SubscriptionOptions { Name = "thrower", MaxAttempts = 3, RetryDelay = TimeSpan.FromSeconds(1) });

        var published = new List<KairosEvent>();
        for (var i = 0; i < 50; i++)
        {
            published.Add(await harness.PublishAsync("tick.happened", new Tick(i)));
        }

        // The publisher was never held up, and the healthy subscriber got everything while the slow one is stuck.
        Assert.Equal(Enumerable.Range(0, 50), (await healthy.TakeAsync(50)).Select(e => e.GetData<Tick>()!.Index));
        await slowStarted.Task.WaitAsync(Deadlines.Default);
        Assert.False(release.Task.IsCompleted);
        Assert.True(bus.Metrics.SubscriberCatchUps >= 1);
        Assert.Contains(bus.Metrics.Snapshot().Queues, q => q.Name == "slow" && q.Lagging);

        // The thrower is retried after 1 s, then 2 s (doubling, on the bus's clock), then gives up.
        await attempts.TakeAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(1), await harness.Time.NextTimerAsync());
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await attempts.TakeAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(2), await harness.Time.NextTimerAsync());
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        await attempts.TakeAsync(1);
        // …and it goes on with the next events: a failing handler never breaks its loop.
        Assert.Equal(Enumerable.Range(1, 49), (await thrower.TakeAsync(49)).Select(e => e.GetData<Tick>()!.Index));
        Assert.Equal(3, bus.Metrics.HandlerFailures);
        Assert.Equal(2, bus.Metrics.HandlerRetries);
        Assert.Equal(1, bus.Metrics.GivenUp);

        // Released, the slow subscriber drains its queue, catches up from the log and gets everything in order.
        release.SetResult();
        var caughtUp = await slow.TakeAsync(50);
        Assert.Equal(published.Select(e => e.Sequence), caughtUp.Select(e => e.Sequence));
        Assert.Equal(published.Select(e => e.Id), caughtUp.Select(e => e.Id));

        // Having caught up it rejoins live delivery.
        var later = await harness.PublishAsync("tick.happened", new Tick(50));
        Assert.Equal(later.Id, (await slow.TakeAsync(1))[0].Id);
        Assert.DoesNotContain(bus.Metrics.Snapshot().Queues, q => q.Lagging);

        await harness.DrainAsync();
        Assert.Empty(slow.Drain()); // no duplicate across the switch-over
        Assert.Equal(later.Id, Assert.Single(healthy.Drain()).Id);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_its_deliveries()
    {
        await using var harness = await BusHarness.StartAsync();
        var kept = new EventCollector();
        var dropped = new EventCollector();
        harness.Bus.Subscribe("x.#", kept.Handler);
        var subscription = harness.Bus.Subscribe("x.#", dropped.Handler);

        await harness.PublishAsync("x.one");
        await dropped.TakeAsync(1);
        subscription.Dispose();
        await harness.PublishAsync("x.two");
        await harness.DrainAsync();

        Assert.Equal(["x.one", "x.two"], kept.Drain().Select(e => e.Type));
        Assert.Empty(dropped.Drain());
    }
}
