using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;

namespace Kairos.Events.Tests.Subscriptions;

public class TransientEventTests
{
    private static KairosEvent RunStarted(BusHarness harness, string runId) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Type = "run.started",
        Source = "kairos",
        Time = harness.Time.GetUtcNow(),
        Subject = "nightly_job",
        RunId = runId,
        Sequence = 99, // ignored: transient events have no sequence
    };

    [Fact]
    public async Task A_transient_event_reaches_subscribers_but_not_the_history()
    {
        await using var harness = await BusHarness.StartAsync();
        var collector = new EventCollector();
        harness.Bus.Subscribe("run.#", collector.Handler);

        var started = RunStarted(harness, "run-1");
        harness.Bus.DispatchTransient(started);
        var failed = await harness.PublishAsync("run.failed", new { error = "boom" }, subject: "nightly_job");

        var received = await collector.TakeAsync(2);
        Assert.Equal(started.Id, received[0].Id);
        Assert.Equal(0, received[0].Sequence);
        Assert.Equal(failed.Id, received[1].Id);

        var history = await harness.Bus.QueryAsync(new EventQuery { Type = "run.#" });
        Assert.Equal([failed.Id], history.Items.Select(e => e.Id));
        Assert.Null(await harness.Bus.GetAsync(started.Id));
        Assert.Equal(1, harness.Bus.Metrics.TransientDispatched);
        Assert.Equal(1, harness.Bus.Metrics.Published);
    }

    [Fact]
    public async Task Transient_events_a_full_queue_cannot_take_are_dropped_and_counted()
    {
        await using var harness = await BusHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new EventCollector();
        harness.Bus.Subscribe("run.#", async (evt, ct) =>
        {
            received.Add(evt);
            await release.Task.WaitAsync(ct);
        }, new SubscriptionOptions { QueueCapacity = 1 });

        harness.Bus.DispatchTransient(RunStarted(harness, "run-0"));
        await received.TakeAsync(1); // the handler holds the first one; the queue is empty again
        for (var i = 1; i <= 4; i++)
        {
            harness.Bus.DispatchTransient(RunStarted(harness, $"run-{i}"));
        }

        Assert.Equal(3, harness.Bus.Metrics.TransientDropped); // one fits in the queue of 1
        release.SetResult();
        await harness.DrainAsync();
        Assert.Equal("run-1", Assert.Single(received.Drain()).RunId);
    }
}
