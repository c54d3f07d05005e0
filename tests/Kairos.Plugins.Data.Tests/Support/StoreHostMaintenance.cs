using System.Globalization;
using System.Runtime.CompilerServices;
using Kairos.Sdk.Plugins;
using Kairos.Storage.Events;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Data.Tests.Support;

/// <summary>
/// The host's maintenance hooks over a real <see cref="SqliteKairosStore"/>, mirroring the server's HostMaintenance
/// (src/Kairos.Server/Plugins/HostMaintenance.cs) call for call, with retention settings a test can choose.
/// </summary>
internal sealed class StoreHostMaintenance(SqliteKairosStore store, string dataDirectory) : IHostMaintenance
{
    public static HostRetentionSettings Defaults { get; } = new(90, 100, 90, 1_000_000, 730, new Dictionary<string, string?>());

    public HostRetentionSettings Retention { get; set; } = Defaults;

    public string DataDirectory => dataDirectory;

    public async Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        if (File.Exists(destinationPath))
        {
            throw new IOException($"the backup file '{destinationPath}' exists already");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        await store.BackupToAsync(destinationPath, cancellationToken);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var check = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "no answer";
        return new HostBackupResult(Path.GetFullPath(destinationPath), new FileInfo(destinationPath).Length, check);
    }

    public Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) =>
        store.Runs.DeleteOldAsync(endedBefore, keepPerJob, batchSize, cancellationToken);

    public Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default) =>
        store.Events.DeleteOldAsync(before, maxCount, batchSize, cancellationToken);

    public async Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) =>
        await store.IncrementalVacuumAsync(pages, cancellationToken);

    public async IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await store.Runs.QueryAsync(new RunQuery { Since = since, Until = until, Limit = 1000, Cursor = cursor }, cancellationToken);
            foreach (var run in page.Items)
            {
                yield return new HostRunRow(run.RunId, run.JobId, run.TaskId, Name(run.Trigger), Name(run.Status),
                    run.ScheduledAt, run.StartedAt, run.FinishedAt, run.DurationMs, run.Attempt, run.Node, run.Reason, run.Error?.Type, run.Error?.Message);
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public async IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await store.Events.QueryAsync(new EventQuery { Since = since, Until = until, Limit = 1000, Cursor = cursor }, cancellationToken);
            foreach (var evt in page.Items)
            {
                yield return new HostEventRow(evt.Sequence, evt.Id, evt.Type, evt.Source, evt.Time, evt.Subject, evt.DataJson, evt.RunId, evt.Depth);
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public async Task<HostDataCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var pageSize = await ScalarAsync("PRAGMA page_size");
        return new HostDataCounts(
            await ScalarAsync("SELECT count(*) FROM jobs"),
            await ScalarAsync("SELECT count(*) FROM runs"),
            await ScalarAsync("SELECT count(*) FROM events"),
            await ScalarAsync("PRAGMA page_count") * pageSize,
            await ScalarAsync("PRAGMA freelist_count"));
    }

    // As the engine's RunStatusNames.
    private static string Name(RunStatus status) => status == RunStatus.TimedOut ? "timed_out" : status.ToString().ToLowerInvariant();

    private static string Name(RunTrigger trigger) => trigger.ToString().ToLowerInvariant();
}
