using Kairos.Storage.Conformance;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>Batches far larger than the engine's, written and read back exactly (no timing asserted).</summary>
public sealed class SqliteRunVolumeTests : IDisposable
{
    private const int Runs = 20_000;
    private const int Jobs = 50;

    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_20000_run_batch_and_its_20000_ends_are_all_written()
    {
        var start = StoreConformanceBase.Start;
        await using var store = await _data.OpenStoreAsync(_time);
        var started = Enumerable.Range(0, Runs)
            .Select(i => StoreSamples.Started($"run-{i:D6}", $"job-{i % Jobs:D2}", start.AddMilliseconds(i / 3)))
            .ToList();

        await store.Runs.WriteBatchAsync(started);
        var whileRunning = await store.Runs.CountByStatusSinceAsync(start);
        await store.Runs.WriteBatchAsync(started.Select(r => StoreSamples.Finished(r, RunStatus.Succeeded, r.StartedAt!.Value.AddSeconds(1))).ToList());
        var finished = await store.Runs.CountByStatusSinceAsync(start);

        Assert.Equal(Runs, whileRunning[RunStatus.Running]);
        Assert.Equal(Runs, finished[RunStatus.Succeeded]);
        Assert.Equal(0, finished[RunStatus.Running]);
        Assert.Empty(await store.Runs.ListRunningAsync());
        var last = await store.Runs.GetLastScheduledAtByJobAsync();
        Assert.Equal(Jobs, last.Count);
        Assert.Equal(start.AddMilliseconds((Runs - 1) / 3), last[$"job-{(Runs - 1) % Jobs:D2}"]);
        var newest = await store.Runs.QueryAsync(new RunQuery { Limit = 1000 });
        Assert.Equal($"run-{Runs - 1:D6}", newest.Items[0].RunId);
        Assert.Equal(RunStatus.Succeeded, await store.Runs.GetLastStatusAsync("job-00"));
        Assert.Equal((long)Runs, SqliteTestDb.Long(store.DatabasePath, "SELECT count(*) FROM runs"));
    }
}
