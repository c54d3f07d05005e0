using Kairos.Storage.Conformance;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>The extras the data plugin uses: online backup and incremental vacuum.</summary>
public sealed class SqliteMaintenanceTests : IDisposable
{
    private const int WriterBatch = 200;

    private static readonly DateTimeOffset s_start = StoreConformanceBase.Start;

    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _data.Dispose();

    private static List<RunRecord> Batch(int batch, int size) =>
        Enumerable.Range(0, size).Select(i => StoreSamples.Started($"b{batch:D5}-{i:D4}", "job-" + (i % 7), s_start.AddSeconds(batch))).ToList();

    [Fact]
    public async Task BackupTo_copies_a_consistent_database_while_writes_continue()
    {
        await using var store = await _data.OpenStoreAsync(_time);
        await store.Runs.WriteBatchAsync(Batch(0, 2000));
        await store.Events.AppendAsync([StoreSamples.Event("e1", "x.y", s_start)]);

        using var stop = new CancellationTokenSource();
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            var batches = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.Runs.WriteBatchAsync(Batch(++batches, WriterBatch));
                firstWrite.TrySetResult();
            }
            return batches;
        });
        await firstWrite.Task;

        var copy = Path.Combine(_data.Path, "backups", "copy.db");
        await store.BackupToAsync(copy);
        await stop.CancelAsync();
        var written = await writer;

        Assert.Equal("ok", SqliteTestDb.Scalar(copy, "PRAGMA integrity_check"));
        var copied = SqliteTestDb.Long(copy, "SELECT count(*) FROM runs");
        // A snapshot holds whole transactions only: the first 2000 runs plus whole batches of the writer.
        Assert.InRange(copied, 2000, 2000 + (written * WriterBatch));
        Assert.Equal(0, (copied - 2000) % WriterBatch);
        Assert.Equal(1L, SqliteTestDb.Long(copy, "SELECT count(*) FROM events"));
        Assert.Equal((long)SqliteKairosStore.LatestSchemaVersion, SqliteTestDb.Long(copy, "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_backup_opens_as_a_working_store()
    {
        await using (var store = await _data.OpenStoreAsync(_time))
        {
            await store.Jobs.UpsertAsync(StoreSamples.Job("a", s_start));
            await store.BackupToAsync(Path.Combine(_data.Path, "restored", "kairos.db"));
        }

        await using var restored = new SqliteKairosStore(_data.Options(_time) with { DataDirectory = Path.Combine(_data.Path, "restored") });
        await restored.InitializeAsync();

        Assert.Equal(StoreSamples.Job("a", s_start), await restored.Jobs.GetAsync("a"));
    }

    [Fact]
    public async Task BackupTo_the_live_database_itself_is_refused()
    {
        await using var store = await _data.OpenStoreAsync(_time);

        await Assert.ThrowsAsync<ArgumentException>(() => store.BackupToAsync(store.DatabasePath));
    }

    [Fact]
    public async Task IncrementalVacuum_returns_free_pages_in_steps()
    {
        await using var store = await _data.OpenStoreAsync(_time);
        var big = new string('x', 2000);
        await store.Runs.WriteBatchAsync(Batch(0, 3000).Select(r => r with { Status = RunStatus.Succeeded, ResultJson = $"\"{big}\"" }).ToList());
        await store.Runs.DeleteOldAsync(s_start.AddDays(1), keepPerJob: 0, batchSize: 10_000);
        var free = await FreePagesAsync(store);
        Assert.True(free > 100, $"expected free pages after deleting, found {free}");

        Assert.Equal(10, await store.IncrementalVacuumAsync(10));
        Assert.Equal(free - 10, await FreePagesAsync(store));
        Assert.Equal(free - 10, await store.IncrementalVacuumAsync(0));
        Assert.Equal(0, await FreePagesAsync(store));
    }

    private static async Task<long> FreePagesAsync(SqliteKairosStore store) =>
        Convert.ToInt64(await store.Database.ReadWriterPragmaAsync("freelist_count"), System.Globalization.CultureInfo.InvariantCulture);
}
