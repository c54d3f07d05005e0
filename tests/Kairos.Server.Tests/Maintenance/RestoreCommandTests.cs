using Kairos.Server.Maintenance;
using Kairos.Storage.Jobs;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Server.Tests.Maintenance;

public sealed class RestoreCommandTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 15, 30, TimeSpan.Zero);
    private const string Stamp = "20261102T081530Z";

    [Fact]
    public async Task Restore_PutsTheBackupInPlace_AndKeepsTheReplacedDatabaseWithItsWalAside()
    {
        using var folder = new TempDataFolder();
        var backup = await BackupWithJobsAsync(folder, "from_backup");
        var data = folder.File("data");
        await CrashImageAsync(folder, data, "before_restore");
        Assert.True(File.Exists(Path.Combine(data, "kairos.db-wal")));
        var output = new StringWriter();

        var code = await RestoreCommand.RunAsync(data, backup, output, new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Equal(RestoreCommand.Restored, code);
        Assert.Equal(["kairos.db", $"kairos.db.replaced-{Stamp}", $"kairos.db.replaced-{Stamp}-shm", $"kairos.db.replaced-{Stamp}-wal", "kairos.lock"],
            folder.Names("data"));
        Assert.Equal(await File.ReadAllBytesAsync(backup), await File.ReadAllBytesAsync(Path.Combine(data, "kairos.db")));
        Assert.Contains($"kept as {Path.Combine(data, $"kairos.db.replaced-{Stamp}")} (with its -wal/-shm)", output.ToString(), StringComparison.Ordinal);
        // The restored database is the backup only (the old WAL was not replayed into it)…
        await using (var restored = await OpenAsync(data))
        {
            Assert.NotNull(await restored.Jobs.GetAsync("from_backup"));
            Assert.Null(await restored.Jobs.GetAsync("before_restore"));
        }
        // …and the set kept aside still opens with everything it held, WAL included.
        Assert.Equal(1L, await TempDataFolder.ScalarAsync(Path.Combine(data, $"kairos.db.replaced-{Stamp}"), "SELECT count(*) FROM jobs WHERE job_id = 'before_restore'"));
    }

    [Fact]
    public async Task Restore_IntoAnEmptyFolder_CreatesTheDatabase()
    {
        using var folder = new TempDataFolder();
        var backup = await BackupWithJobsAsync(folder, "from_backup");
        var output = new StringWriter();

        var code = await RestoreCommand.RunAsync(folder.File("fresh"), backup, output, new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Equal(RestoreCommand.Restored, code);
        Assert.Equal(["kairos.db", "kairos.lock"], folder.Names("fresh"));
        Assert.Contains("there was no database before", output.ToString(), StringComparison.Ordinal);
        await using var restored = await OpenAsync(folder.File("fresh"));
        Assert.NotNull(await restored.Jobs.GetAsync("from_backup"));
    }

    [Fact]
    public async Task Restore_WhileAServerHoldsTheDataFolder_RefusesAndChangesNothing()
    {
        using var folder = new TempDataFolder();
        var backup = await BackupWithJobsAsync(folder, "from_backup");
        var data = folder.File("data");
        await CrashImageAsync(folder, data, "live");
        var before = Snapshot(data);
        using var server = ServerDataLock.TryAcquire(data);
        var output = new StringWriter();

        var code = await RestoreCommand.RunAsync(data, backup, output, new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Equal(RestoreCommand.ServerRunning, code);
        Assert.Contains("a Kairos server is using", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(data));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("corrupted")]
    [InlineData("index_mismatch")]
    [InlineData("not_kairos")]
    public async Task Restore_OfAnUnsoundBackup_RefusesAndChangesNothing(string kind)
    {
        using var folder = new TempDataFolder();
        var good = await BackupWithJobsAsync(folder, "from_backup", jobs: 400);
        var bad = folder.File("bad.db");
        var bytes = await File.ReadAllBytesAsync(good);
        switch (kind)
        {
            case "garbage":
                await File.WriteAllTextAsync(bad, "this is not a database at all, just text");
                break;
            case "truncated":
                await File.WriteAllBytesAsync(bad, bytes[..(bytes.Length / 2)]);
                break;
            case "corrupted":
                // Scribble over the middle pages (b-tree pages of the jobs table and its index), keeping the header valid.
                for (var i = bytes.Length / 3; i < bytes.Length * 2 / 3; i++)
                {
                    bytes[i] = (byte)(i * 31);
                }
                await File.WriteAllBytesAsync(bad, bytes);
                break;
            case "index_mismatch":
                // Readable, but an index disagrees with its table: only the integrity check finds it.
                File.Copy(good, bad);
                await TempDataFolder.ScalarAsync(bad, "CREATE INDEX ix_jobs_name ON jobs (name)");
                await TempDataFolder.ScalarAsync(bad,
                    "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = 'CREATE INDEX ix_jobs_name ON jobs (schedule_json)' WHERE name = 'ix_jobs_name'; PRAGMA writable_schema = OFF;");
                break;
            default:
                await TempDataFolder.ScalarAsync(bad, "CREATE TABLE something_else (x INTEGER)");
                break;
        }
        var data = folder.File("data");
        await CrashImageAsync(folder, data, "live");
        var before = Snapshot(data);
        var output = new StringWriter();

        var code = await RestoreCommand.RunAsync(data, bad, output, new FakeTimeProvider(Now), CancellationToken.None);

        log.WriteLine(output.ToString());
        Assert.Equal(RestoreCommand.Failed, code);
        Assert.Contains("refused", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", output.ToString(), StringComparison.Ordinal);
        // No staging copy is left behind, nothing was moved.
        Assert.Equal(before, Snapshot(data));
    }

    [Fact]
    public async Task Restore_OfAMissingFile_Fails()
    {
        using var folder = new TempDataFolder();
        var output = new StringWriter();

        var code = await RestoreCommand.RunAsync(folder.Path, folder.File("nope.db"), output, CancellationToken.None);

        Assert.Equal(RestoreCommand.Failed, code);
        Assert.Contains("does not exist", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task Restore_OfTheLiveDatabaseItself_Fails()
    {
        using var folder = new TempDataFolder();
        await CrashImageAsync(folder, folder.File("data"), "live");
        var before = Snapshot(folder.File("data"));

        var code = await RestoreCommand.RunAsync(folder.File("data"), folder.File("data", "kairos.db"), new StringWriter(), CancellationToken.None);

        Assert.Equal(RestoreCommand.Failed, code);
        Assert.Equal(before, Snapshot(folder.File("data")));
    }

    internal static JobRecord Job(string id) => new()
    {
        JobId = id,
        Name = id,
        TaskId = "test_task",
        ScheduleJson = """{"type":"interval","seconds":60}""",
        FireFrom = Now,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    internal static async Task<SqliteKairosStore> OpenAsync(string dataDirectory)
    {
        var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = dataDirectory });
        await store.InitializeAsync();
        return store;
    }

    /// <summary>A backup made with the store's online backup, holding <paramref name="jobId"/> (and filler jobs).</summary>
    private static async Task<string> BackupWithJobsAsync(TempDataFolder folder, string jobId, int jobs = 0)
    {
        await using var store = await OpenAsync(folder.File("source"));
        await store.Jobs.TryInsertAsync(Job(jobId));
        for (var i = 0; i < jobs; i++)
        {
            await store.Jobs.TryInsertAsync(Job($"filler_{i:D4}") with { ScheduleJson = $$"""{"type":"interval","seconds":{{60 + i}},"note":"{{new string('x', 200)}}"}""" });
        }
        var backup = folder.File("backups", "kairos-20261101T033000Z.db");
        await store.BackupToAsync(backup);
        return backup;
    }

    /// <summary>
    /// The files a server leaves when it dies with writes still in its WAL: copied while the store is open, so the
    /// last job is only in <c>kairos.db-wal</c>.
    /// </summary>
    private static async Task CrashImageAsync(TempDataFolder folder, string data, string jobId)
    {
        var live = folder.File("live-" + Guid.NewGuid().ToString("N"));
        await using var store = await OpenAsync(live);
        await store.Jobs.TryInsertAsync(Job(jobId));
        Directory.CreateDirectory(data);
        foreach (var name in new[] { "kairos.db", "kairos.db-wal", "kairos.db-shm" })
        {
            File.Copy(Path.Combine(live, name), Path.Combine(data, name));
        }
    }

    /// <summary>Every file of the folder with its content hash, but the lock file (unreadable while held).</summary>
    private static (string Name, string Hash)[] Snapshot(string folder) =>
        Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != ServerDataLock.FileName).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))).ToArray();
}
