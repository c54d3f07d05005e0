using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Tests.Support;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Data.Tests.Backup;

public sealed class DataBackupTaskTests
{
    // 03:30 in Shanghai is 19:30 UTC the day before: the file name is UTC.
    private static readonly DateTimeOffset Now = DataHarness.Beijing(2026, 11, 1, 3, 30);

    [Fact]
    public async Task Backup_WritesAnIntegrityCheckedCopy_NamedByUtcTime_AndPublishesFileAndSize()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await h.Store.Jobs.TryInsertAsync(History.Job("job_a", Now));
        await h.PortfolioStore.ReplaceAccountHoldingsAsync("wise", "main", [new BalanceEntry("CNY", 100m)], [], Now);

        var (result, _) = await h.RunAsync("data_backup");

        Assert.True(result.Succeeded, result.Error);
        var file = Path.Combine(h.DataDirectory, "backups", "kairos-20261031T193000Z.db");
        Assert.True(File.Exists(file));
        Assert.Equal(file, result.Data!["file"]!.GetValue<string>());
        Assert.Equal(new FileInfo(file).Length, result.Data["bytes"]!.GetValue<long>());
        Assert.Equal("ok", result.Data["integrity_check"]!.GetValue<string>());
        var evt = Assert.Single(h.Host.EventsOfType("data.backup.completed"));
        Assert.Equal("kairos-20261031T193000Z.db", evt.Subject);
        Assert.Equal(file, evt.Data!.Value.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(file).Length, evt.Data.Value.GetProperty("bytes").GetInt64());
        // The copy is the whole database: the host's tables and the plugins' tables.
        Assert.Equal(1L, await ScalarAsync(file, "SELECT count(*) FROM jobs WHERE job_id = 'job_a'"));
        Assert.Equal("100", await ScalarAsync(file, "SELECT total FROM portfolio_balances WHERE source = 'wise'"));
    }

    [Fact]
    public async Task Backup_DuringWrites_HoldsEveryJobAndRunAcknowledgedBeforeIt()
    {
        await using var h = await DataHarness.StartAsync(Now);
        // Enough history that the copy takes a while, while a writer keeps adding jobs and runs as the engine would.
        await History.WriteRunsAsync(h.Store, "job_seed", 5000, Now.AddDays(-5), """{"payload":"0123456789012345678901234567890123456789"}""");
        var acknowledged = new ConcurrentQueue<(string Job, string Run)>();
        using var stop = new CancellationTokenSource();
        var enoughWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var job = $"job_{i:D5}";
                await h.Store.Jobs.TryInsertAsync(History.Job(job, Now));
                var run = $"run_{i:D5}";
                await h.Store.Runs.WriteBatchAsync([History.Run(run, job, Now.AddSeconds(i))]);
                acknowledged.Enqueue((job, run));
                if (i == 50)
                {
                    enoughWritten.SetResult();
                }
            }
        });
        await enoughWritten.Task;
        var beforeBackup = acknowledged.ToArray();

        var (result, _) = await h.RunAsync("data_backup");
        var duringBackup = acknowledged.Count - beforeBackup.Length;
        await stop.CancelAsync();
        await writer;

        Assert.True(result.Succeeded, result.Error);
        var copy = result.Data!["file"]!.GetValue<string>();
        var restored = Path.Combine(h.DataDirectory, "opened-copy");
        Directory.CreateDirectory(restored);
        File.Copy(copy, Path.Combine(restored, "kairos.db"));
        await using var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = restored });
        await store.InitializeAsync();
        foreach (var (job, run) in beforeBackup)
        {
            Assert.NotNull(await store.Jobs.GetAsync(job));
            Assert.NotNull(await store.Runs.GetAsync(run));
        }
        // Whatever else the copy holds is a prefix of what the writer acknowledged (a snapshot, not a mix of moments);
        // only the very last job may lack its run, written by the next commit.
        var jobs = (await store.Jobs.ListAsync()).Select(j => j.JobId).Where(j => j.StartsWith("job_0", StringComparison.Ordinal)).ToHashSet();
        var all = acknowledged.ToArray();
        Assert.True(jobs.Count >= beforeBackup.Length && jobs.Count <= all.Length, $"{jobs.Count} jobs; {beforeBackup.Length} before, {duringBackup} during");
        Assert.Equal(all.Take(jobs.Count).Select(a => a.Job).ToHashSet(), jobs);
        Assert.InRange(await CountRunsAsync(copy), 5000 + jobs.Count - 1, 5000 + jobs.Count);
    }

    [Fact]
    public async Task Backup_KeepsTheNewestN_DeletingOlderBackupsOnly()
    {
        await using var h = await DataHarness.StartAsync(Now);
        var folder = Path.Combine(h.DataDirectory, "backups");
        Directory.CreateDirectory(folder);
        string[] older = ["kairos-20261027T193000Z.db", "kairos-20261028T193000Z.db", "kairos-20261029T193000Z.db", "kairos-20261030T193000Z.db"];
        string[] foreign = ["notes.txt", "kairos-before-upgrade.db", "kairos-20261001T000000Z.db.bak"];
        foreach (var name in older.Concat(foreign))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), "x");
        }

        var (result, context) = await h.RunAsync("data_backup", new JsonObject { ["keep"] = 3 });

        Assert.True(result.Succeeded, result.Error);
        var left = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(foreign.Concat(["kairos-20261029T193000Z.db", "kairos-20261030T193000Z.db", "kairos-20261031T193000Z.db"]).Order(StringComparer.Ordinal), left);
        Assert.Equal(["kairos-20261028T193000Z.db", "kairos-20261027T193000Z.db"], result.Data!["deleted"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(3, result.Data["kept"]!.GetValue<int>());
        Assert.Contains(context.Lines, l => l.Contains("deleted old backup kairos-20261027T193000Z.db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backup_DefaultKeep_Is14()
    {
        await using var h = await DataHarness.StartAsync(Now);
        for (var day = 0; day < 16; day++)
        {
            h.SetTime(Now.AddDays(day));
            var (result, _) = await h.RunAsync("data_backup");
            Assert.True(result.Succeeded, result.Error);
        }

        var left = Directory.GetFiles(Path.Combine(h.DataDirectory, "backups")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(14, left.Length);
        Assert.Equal("kairos-20261102T193000Z.db", left[0]);
        Assert.Equal("kairos-20261115T193000Z.db", left[^1]);
    }

    [Fact]
    public async Task Backup_TwiceInOneSecond_FailsTheSecond_KeepingTheFirst()
    {
        await using var h = await DataHarness.StartAsync(Now);
        var (first, _) = await h.RunAsync("data_backup");
        var bytes = await File.ReadAllBytesAsync(first.Data!["file"]!.GetValue<string>());

        var (second, _) = await h.RunAsync("data_backup");

        Assert.False(second.Succeeded);
        Assert.Equal("BackupFailed", second.ErrorType);
        Assert.Contains("exists already", second.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(first.Data["file"]!.GetValue<string>()));
        Assert.Single(h.Host.EventsOfType("data.backup.completed"));
    }

    [Fact]
    public async Task Backup_ThatFailsItsIntegrityCheck_IsDeleted_AndOlderBackupsAreKept()
    {
        await using var h = await DataHarness.StartAsync(Now);
        var folder = Path.Combine(h.DataDirectory, "backups");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "kairos-20261030T193000Z.db"), "x");
        var maintenance = new FailingCheck(h.Maintenance);
        var task = new Kairos.Plugins.Data.Backup.DataBackupTask(maintenance);
        var context = new Kairos.Plugins.Portfolio.Tests.Support.Hosting.TestTaskContext("data_backup", new JsonObject { ["keep"] = 1 },
            new Kairos.Plugins.Portfolio.Tests.Support.Hosting.RecordingEventPublisher("data", h.Data.JsonOptions, h.Host.Time, h.Host.Events),
            h.Host.Time, h.Data.Services, h.Data.JsonOptions, null, TimeZoneInfo.Utc, CancellationToken.None);

        var result = await task.ExecuteAsync(context, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("IntegrityCheckFailed", result.ErrorType);
        Assert.Equal(["kairos-20261030T193000Z.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Empty(h.Host.EventsOfType("data.backup.completed"));
    }

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long> CountRunsAsync(string file) => (long)(await ScalarAsync(file, "SELECT count(*) FROM runs"))!;

    /// <summary>Fault injection: the real backup, answered as if the check had found corruption.</summary>
    private sealed class FailingCheck(IHostMaintenance inner) : IHostMaintenance
    {
        public HostRetentionSettings Retention => inner.Retention;
        public string DataDirectory => inner.DataDirectory;
        public async Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default) =>
            await inner.BackupAsync(destinationPath, cancellationToken) with { IntegrityCheck = "*** in database main *** Page 7: btreeInitPage() returns error code 11" };
        public Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) => inner.DeleteRunsAsync(endedBefore, keepPerJob, batchSize, cancellationToken);
        public Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default) => inner.DeleteEventsAsync(before, maxCount, batchSize, cancellationToken);
        public Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) => inner.IncrementalVacuumAsync(pages, cancellationToken);
        public Task<HostDataCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
        public IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.ReadRunsAsync(since, until, cancellationToken);
        public IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.ReadEventsAsync(since, until, cancellationToken);
    }
}
