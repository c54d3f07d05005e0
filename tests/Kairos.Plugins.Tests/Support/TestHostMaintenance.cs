using Kairos.Sdk.Plugins;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Tests.Support;

/// <summary>A small real implementation of the maintenance hooks over the test database (backup via SQLite's backup API).</summary>
internal sealed class TestHostMaintenance(TestPluginHost host) : IHostMaintenance
{
    public HostRetentionSettings Retention { get; } = new(90, 100, 90, 1_000_000, 730, new Dictionary<string, string?>());

    public string DataDirectory => host.DataDirectory;

    public async Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        if (File.Exists(destinationPath))
        {
            throw new IOException($"{destinationPath} exists");
        }
        await using (var source = (SqliteConnection)await host.OpenDatabaseAsync(cancellationToken))
        await using (var destination = new SqliteConnection($"Data Source={destinationPath};Pooling=False"))
        {
            await destination.OpenAsync(cancellationToken);
            source.BackupDatabase(destination);
        }
        await using var check = new SqliteConnection($"Data Source={destinationPath};Pooling=False");
        await check.OpenAsync(cancellationToken);
        await using var command = check.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var answer = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "";
        return new HostBackupResult(destinationPath, new FileInfo(destinationPath).Length, answer);
    }

    public Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<HostDataCounts> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new HostDataCounts(0, 0, 0, new FileInfo(host.DatabasePath).Length, 0));

    // The loader tests never read host history; an empty stream is the truthful answer of this host (it stores no runs).
    public async IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }
}
