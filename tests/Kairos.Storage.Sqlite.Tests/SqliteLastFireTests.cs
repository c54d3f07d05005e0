using Kairos.Storage.Conformance;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>
/// <c>job_last_fires</c> is folded every few seconds instead of per batch (LastFireLedger). Whatever the moment the
/// process stops (cleanly, or not at all: a second store opened beside a live one sees what a crash leaves), the latest
/// scheduled fire of every job is read back exactly, and deleting runs never loses one.
/// </summary>
public sealed class SqliteLastFireTests : IDisposable
{
    private static readonly DateTimeOffset Start = StoreConformanceBase.Start;
    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    private string DbPath => Path.Combine(_data.Path, "kairos.db");

    private long Stored(string jobId) => SqliteTestDb.Long(DbPath, $"SELECT count(*) FROM job_last_fires WHERE job_id = '{jobId}'");

    private long Mark => SqliteTestDb.Long(DbPath, "SELECT value FROM store_marks WHERE name = 'job_last_fires'");

    [Fact]
    public async Task Runs_of_a_store_that_never_closed_give_their_last_fires_and_the_next_opening_folds_them_in()
    {
        await using var crashed = await _data.OpenStoreAsync(_time);
        await crashed.Runs.WriteBatchAsync([StoreSamples.Started("r1", "a", Start), StoreSamples.Started("r2", "b", Start.AddSeconds(1))]);
        await crashed.Runs.WriteBatchAsync([StoreSamples.Started("r3", "a", Start.AddSeconds(2))]);
        Assert.Equal(0, Stored("a")); // still in memory: nothing upserted per batch

        // A second store on the same file sees what a process that died now would leave.
        await using var next = await _data.OpenStoreAsync(_time);

        var byJob = await next.Runs.GetLastScheduledAtByJobAsync();
        Assert.Equal(Start.AddSeconds(2), byJob["a"]);
        Assert.Equal(Start.AddSeconds(1), byJob["b"]);
        Assert.Equal(Start.AddSeconds(2), await next.Runs.GetLastScheduledAtAsync("a"));
        Assert.Equal(1, Stored("a")); // folded in when it opened
        Assert.Equal(SqliteTestDb.Long(DbPath, "SELECT max(id) FROM runs"), Mark);
    }

    [Fact]
    public async Task Opening_sizes_the_ledger_for_every_stored_job_so_a_first_round_of_fires_does_not_grow_it()
    {
        await using (var first = await _data.OpenStoreAsync(_time))
        {
            Assert.Equal(0, first.RunStore.LastFireCapacity);
            for (var k = 0; k < 300; k++)
            {
                Assert.True(await first.Jobs.TryInsertAsync(StoreSamples.Job($"job-{k:D3}", Start)));
            }
        }

        await using var reopened = await _data.OpenStoreAsync(_time);
        var reserved = reopened.RunStore.LastFireCapacity;
        Assert.InRange(reserved, 300, 400);

        await reopened.Runs.WriteBatchAsync([.. Enumerable.Range(0, 300).Select(k => StoreSamples.Started($"r{k}", $"job-{k:D3}", Start))]);
        Assert.Equal(reserved, reopened.RunStore.LastFireCapacity);
    }

    [Fact]
    public async Task Once_the_fold_interval_has_passed_the_next_batch_writes_the_pending_last_fires()
    {
        // A zero interval: every batch after one that left last fires pending folds them in.
        await using var store = new SqliteKairosStore(_data.Options(_time) with { LastFireFoldInterval = TimeSpan.Zero });
        await store.InitializeAsync();
        await store.Runs.WriteBatchAsync([StoreSamples.Started("r1", "a", Start)]);
        Assert.Equal(0, Stored("a"));

        await store.Runs.WriteBatchAsync([StoreSamples.Started("r2", "b", Start.AddSeconds(1))]);

        Assert.Equal(1, Stored("a"));
        Assert.Equal(1, Stored("b"));
        Assert.Equal(2, Mark);
        Assert.Equal(Start.AddSeconds(1), await store.Runs.GetLastScheduledAtAsync("b"));
    }

    [Fact]
    public async Task Closing_writes_the_last_fires_kept_in_memory()
    {
        await using (var store = await _data.OpenStoreAsync(_time))
        {
            await store.Runs.WriteBatchAsync([StoreSamples.Started("r1", "a", Start), StoreSamples.Started("r2", "b", Start.AddSeconds(1))]);
            Assert.Equal(0, Stored("a"));
        }

        Assert.Equal(1, Stored("a"));
        Assert.Equal(1, Stored("b"));
        Assert.Equal(SqliteTestDb.Long(DbPath, "SELECT max(id) FROM runs"), Mark);
    }

    [Fact]
    public async Task Deleting_every_run_keeps_the_last_fires_and_runs_written_after_are_still_seen()
    {
        await using (var first = await _data.OpenStoreAsync(_time))
        {
            await first.Runs.WriteBatchAsync([
                StoreSamples.Finished(StoreSamples.Started("r1", "a", Start), RunStatus.Succeeded, Start),
                StoreSamples.Finished(StoreSamples.Started("r2", "b", Start.AddSeconds(1)), RunStatus.Succeeded, Start.AddSeconds(1)),
            ]);
        }
        Assert.Equal(2, Mark); // closing folded both runs in
        await using var store = await _data.OpenStoreAsync(_time);

        Assert.Equal(2, await store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 100));

        Assert.Equal(Start.AddSeconds(1), (await store.Runs.GetLastScheduledAtByJobAsync())["b"]);
        Assert.Equal(0, Mark); // the table is empty, so the next run may reuse an id: the mark went down with it
        await store.Runs.WriteBatchAsync([StoreSamples.Started("r3", "c", Start.AddSeconds(5))]);
        Assert.Equal(1, SqliteTestDb.Long(DbPath, "SELECT id FROM runs WHERE run_id = 'r3'")); // an id at or below the old mark
        Assert.Equal(Start.AddSeconds(5), await store.Runs.GetLastScheduledAtAsync("c"));
        Assert.Equal(Start, await store.Runs.GetLastScheduledAtAsync("a"));
    }
}
