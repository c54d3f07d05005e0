using Kairos.Storage.Events;
using Kairos.Storage.Runs;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>Initialization, health and durability across a restart, for every store.</summary>
public abstract class StoreLifecycleConformance : StoreConformanceBase
{
    [Fact]
    public async Task Ping_answers_true_for_an_initialized_store()
    {
        Assert.True(await Store.PingAsync());
    }

    [Fact]
    public async Task InitializeAsync_can_be_called_again()
    {
        await Store.Jobs.UpsertAsync(Job("a", Start));

        await Store.InitializeAsync();

        Assert.NotNull(await Store.Jobs.GetAsync("a"));
    }

    [Fact]
    public async Task Everything_written_survives_a_reopen()
    {
        var job = Job("a", Start);
        var task = TaskDefinition("kairos.noop", "kairos", Start);
        var run = Finished(Started("r", "a", Start), RunStatus.Succeeded, Start.AddSeconds(1));
        await Store.Jobs.UpsertAsync(job);
        await Store.Jobs.TryMarkSeededAsync("default:a");
        await Store.Tasks.UpsertAsync(task);
        await Store.Runs.WriteBatchAsync([run, Started("still-running", "a", Start.AddSeconds(2))]);
        var events = await Store.Events.AppendAsync([Event("e1", "job.added", Start), Event("e2", "job.removed", Start)]);

        await ReopenAsync();

        Assert.Equal(job, await Store.Jobs.GetAsync("a"));
        Assert.False(await Store.Jobs.TryMarkSeededAsync("default:a"));
        Assert.Equal(task, await Store.Tasks.GetAsync(task.TaskId));
        RecordAssert.RunEqual(run, await Store.Runs.GetAsync("r"));
        Assert.Equal(["still-running"], (await Store.Runs.ListRunningAsync()).Select(r => r.RunId));
        Assert.Equal(Start.AddSeconds(2), await Store.Runs.GetLastScheduledAtAsync("a"));
        Assert.Equal(events, await Store.Events.ReadAfterAsync(0, 10));
        Assert.Equal(events[1].Sequence, await Store.Events.GetLastSequenceAsync());
    }

    [Fact]
    public async Task Event_sequences_continue_after_a_reopen_even_when_the_newest_were_deleted()
    {
        var before = await Store.Events.AppendAsync([Event("e1", "x.y", Start), Event("e2", "x.y", Start)]);
        await Store.Events.DeleteOldAsync(Start.AddDays(1), maxCount: 0, batchSize: 10);

        await ReopenAsync();
        var after = await Store.Events.AppendAsync([Event("e3", "x.y", Start)]);

        Assert.True(after[0].Sequence > before[1].Sequence);
        Assert.Empty((await Store.Events.QueryAsync(new EventQuery { Type = "x.y", Cursor = after[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) })).Items);
    }
}
