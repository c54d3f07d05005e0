using Kairos.Events.Tests.Support;
using Kairos.Sdk.Events;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Events.Tests.Bus;

public class EventBusLifecycleTests
{
    [Fact]
    public async Task StopAsync_returns_once_every_subscriber_has_drained_and_caught_up()
    {
        await using var harness = await BusHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = new EventCollector();
        harness.Bus.Subscribe("#", async (evt, ct) =>
        {
            await release.Task.WaitAsync(ct);
            received.Add(evt);
        }, new SubscriptionOptions { QueueCapacity = 2 });
        for (var i = 0; i < 10; i++)
        {
            await harness.PublishAsync("drain.item");
        }

        var stopping = harness.Bus.StopAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(Deadlines.Default);

        Assert.Equal(10, received.Drain().Count);
        Assert.Equal(1, harness.Bus.Metrics.SubscriberCatchUps);
    }

    [Fact]
    public async Task StopAsync_with_a_cancelled_token_cancels_running_handlers()
    {
        await using var harness = await BusHarness.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Bus.Subscribe("#", async (_, ct) =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await harness.PublishAsync("stuck.item");
        await started.Task.WaitAsync(Deadlines.Default);

        await harness.Bus.StopAsync(new CancellationToken(canceled: true)).WaitAsync(Deadlines.Default);

        await cancelled.Task.WaitAsync(Deadlines.Default);
        Assert.Equal(0, harness.Bus.Metrics.HandlerFailures);
    }

    [Fact]
    public async Task Publishes_made_before_start_are_written_once_the_bus_starts()
    {
        var directory = Directory.CreateTempSubdirectory("kairos-events-prestart-").FullName;
        var time = new SignallingTimeProvider();
        try
        {
            await using var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = directory, Time = time, SynchronousFull = false });
            await store.InitializeAsync();
            await using var bus = new EventBus(store.Events, time, NullLogger<EventBus>.Instance);
            var collector = new EventCollector();
            bus.Subscribe("#", collector.Handler);

            var early = bus.PublishAsync(BusHarness.Draft("early.bird"));
            Assert.False(early.IsCompleted);
            await bus.StartAsync(CancellationToken.None);

            var evt = await early.WaitAsync(Deadlines.Default);
            Assert.Equal(1, evt.Sequence);
            Assert.Equal(evt.Id, (await collector.TakeAsync(1))[0].Id);
        }
        finally
        {
            BusHarness.TryDelete(directory);
        }
    }
}
