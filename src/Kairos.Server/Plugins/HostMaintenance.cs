using Kairos.Sdk.Plugins;
using Kairos.Server.Configuration;
using Kairos.Engine.Runs;
using Kairos.Storage;
using Kairos.Storage.Events;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kairos.Server.Plugins;

/// <summary>The host's housekeeping hooks for the data plugin: retention, online backup, batched deletes, vacuum.</summary>
public sealed class HostMaintenance(SqliteKairosStore store, KairosServerOptions options, IConfiguration configuration) : IHostMaintenance
{
    public HostRetentionSettings Retention { get; } = new(
        options.Retention.RunDays,
        options.Retention.KeepRunsPerJob,
        options.Retention.EventDays,
        options.Retention.EventMaxCount,
        options.Retention.SnapshotDays,
        configuration.GetSection("Retention").AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));

    public string DataDirectory => options.DataDirectory;

    public async Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinationPath);
        if (File.Exists(destinationPath))
        {
            throw new IOException($"the backup file '{destinationPath}' exists already");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        await store.BackupToAsync(destinationPath, cancellationToken).ConfigureAwait(false);
        string check;
        // The copy inherits WAL mode; switching it to a rollback journal keeps a backup one self-contained file
        // (a read-only open would leave -wal/-shm files beside it).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var journal = connection.CreateCommand())
            {
                journal.CommandText = "PRAGMA journal_mode=DELETE";
                await journal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            check = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? "no answer";
        }
        return new HostBackupResult(Path.GetFullPath(destinationPath), new FileInfo(destinationPath).Length, check);
    }

    public Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) =>
        store.Runs.DeleteOldAsync(endedBefore, keepPerJob, batchSize, cancellationToken);

    public Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default) =>
        store.Events.DeleteOldAsync(before, maxCount, batchSize, cancellationToken);

    public async Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) =>
        await store.IncrementalVacuumAsync(pages, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await store.Runs.QueryAsync(new RunQuery { Since = since, Until = until, Limit = 1000, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var run in page.Items)
            {
                yield return new HostRunRow(run.RunId, run.JobId, run.TaskId, RunStatusNames.ToName(run.Trigger), RunStatusNames.ToName(run.Status),
                    run.ScheduledAt, run.StartedAt, run.FinishedAt, run.DurationMs, run.Attempt, run.Node, run.Reason, run.Error?.Type, run.Error?.Message);
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    public async IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await store.Events.QueryAsync(new EventQuery { Since = since, Until = until, Limit = 1000, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
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
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            async Task<long> ScalarAsync(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }
            var pageSize = await ScalarAsync("PRAGMA page_size").ConfigureAwait(false);
            return new HostDataCounts(
                await ScalarAsync("SELECT count(*) FROM jobs").ConfigureAwait(false),
                await ScalarAsync("SELECT count(*) FROM runs").ConfigureAwait(false),
                await ScalarAsync("SELECT count(*) FROM events").ConfigureAwait(false),
                await ScalarAsync("PRAGMA page_count").ConfigureAwait(false) * pageSize,
                await ScalarAsync("PRAGMA freelist_count").ConfigureAwait(false));
        }
    }
}
