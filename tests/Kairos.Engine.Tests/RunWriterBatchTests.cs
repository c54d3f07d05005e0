using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Engine.Tests;

/// <summary>
/// What one batch of the <see cref="RunWriter"/> stores and hands to its commit callback. The store is the real SQLite
/// store behind a gate, so that the test decides which records share a batch.
/// </summary>
public sealed class RunWriterBatchTests : SqliteStoreTestBase
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddDays(20_000);

    [Fact]
    public async Task A_run_started_and_ended_in_one_batch_is_stored_once_in_its_final_form()
    {
        var (gated, writer, committed) = await StartHeldAsync();
        await using var _ = writer;

        await writer.WriteAsync(Run("r1", RunStatus.Running));
        await writer.WriteAsync(Run("r2", RunStatus.Succeeded));
        await writer.WriteAsync(Run("r1", RunStatus.Failed));
        gated.Open();
        await writer.FlushAndStopAsync();

        var stored = gated.Batches.Skip(1).Single(); // after the held first batch
        Assert.Equal(["r1", "r2"], stored.Select(r => r.RunId));
        Assert.Equal(RunStatus.Failed, stored[0].Status);
        Assert.Equal(RunStatus.Failed, (await Store.Runs.GetAsync("r1"))!.Status);
        // The callback sees every record queued, in order, the start included.
        Assert.Equal(["r1", "r2", "r1"], committed.Skip(1).Single().Select(c => c.Record.RunId));
    }

    [Fact]
    public async Task A_batch_without_starts_is_stored_as_queued_and_each_record_keeps_its_summary()
    {
        var (gated, writer, committed) = await StartHeldAsync();
        await using var _ = writer;
        var first = new LastRunSummary();
        var second = new LastRunSummary();

        await writer.WriteAsync(Run("a", RunStatus.Succeeded), first);
        await writer.WriteAsync(Run("b", RunStatus.Failed));
        await writer.WriteAsync(Run("c", RunStatus.Succeeded), second);
        gated.Open();
        await writer.FlushAndStopAsync();

        Assert.Equal(["a", "b", "c"], gated.Batches.Skip(1).Single().Select(r => r.RunId));
        var batch = committed.Skip(1).Single();
        Assert.Same(first, batch[0].LastRun);
        Assert.Null(batch[1].LastRun);
        Assert.Same(second, batch[2].LastRun);
    }

    /// <summary>
    /// A started writer whose first batch (one filler record) is held at the gate, so that the records the test
    /// queues next all wait for, and form, the second batch.
    /// </summary>
    private async Task<(GatedRunStore Gated, RunWriter Writer, List<List<(RunRecord Record, LastRunSummary? LastRun)>> Committed)> StartHeldAsync()
    {
        var gated = new GatedRunStore(Store.Runs);
        var writer = new RunWriter(gated, TimeProvider.System, NullLogger<RunWriter>.Instance);
        var committed = new List<List<(RunRecord, LastRunSummary?)>>();
        writer.Committed = batch =>
        {
            committed.Add(Enumerable.Range(0, batch.Count).Select(i => (batch.Records[i], batch.LastRunAt(i))).ToList());
            return ValueTask.CompletedTask;
        };
        writer.Start();
        await writer.WriteAsync(Run("filler", RunStatus.Succeeded));
        await gated.Entered.Task.WaitAsync(Deadline);
        return (gated, writer, committed);
    }

    private static RunRecord Run(string id, RunStatus status) => new()
    {
        RunId = id,
        TaskId = "kairos.noop",
        Trigger = RunTrigger.Manual,
        StartedAt = Start,
        FinishedAt = status == RunStatus.Running ? null : Start.AddSeconds(1),
        Status = status,
        Node = "test",
    };
}
