using System.Globalization;
using Kairos.Storage.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite.Events;
using Kairos.Storage.Sqlite.Internal;
using Kairos.Storage.Sqlite.Jobs;
using Kairos.Storage.Sqlite.Migrations;
using Kairos.Storage.Sqlite.Runs;
using Kairos.Storage.Sqlite.Tasks;
using Kairos.Storage.Tasks;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite;

/// <summary>
/// The default store: one SQLite file (<c>&lt;DataDirectory&gt;/kairos.db</c>) in WAL mode. Writes are serialized
/// on one connection; reads use pooled read-only connections and run in parallel. Call
/// <see cref="InitializeAsync"/> once before use; dispose to close every connection to the file.
/// </summary>
public sealed class SqliteKairosStore : IKairosStore
{
    private readonly SqliteDatabase _database;
    private readonly SqliteRunStore _runs;

    public SqliteKairosStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        ArgumentNullException.ThrowIfNull(options.Time);
        _database = new SqliteDatabase(options);
        Jobs = new SqliteJobStore(_database, options.Time);
        Runs = _runs = new SqliteRunStore(_database, options.LastFireFoldInterval);
        Events = new SqliteEventLog(_database);
        Tasks = new SqliteTaskDefinitionStore(_database);
    }

    internal SqliteDatabase Database => _database;

    internal SqliteRunStore RunStore => _runs;

    /// <summary>The schema version this build creates and migrates to.</summary>
    public static int LatestSchemaVersion => SqliteMigrations.LatestVersion;

    /// <summary>The absolute path of the database file.</summary>
    public string DatabasePath => _database.Path;

    public IJobStore Jobs { get; }

    public IRunStore Runs { get; }

    public IEventLog Events { get; }

    public ITaskDefinitionStore Tasks { get; }

    /// <summary>
    /// Creates the data folder and database when missing, applies pending migrations and switches to WAL.
    /// Throws <see cref="SchemaVersionTooNewException"/> for a database written by a newer Kairos.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _database.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _runs.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return Convert.ToInt64(SqliteDatabase.Scalar(connection, "SELECT 1"), CultureInfo.InvariantCulture) == 1;
            }
        }
        catch (SqliteException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Not initialized, or disposed.
            return false;
        }
    }

    /// <summary>
    /// Copies the live database to <paramref name="destinationPath"/> with SQLite's online backup API: a consistent
    /// snapshot taken while writes continue (they are not blocked in WAL mode). An existing file at the destination
    /// is replaced. Cancellation is honoured before the copy starts; the copy itself runs to the end.
    /// </summary>
    public async Task BackupToAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        var fullPath = Path.GetFullPath(destinationPath);
        if (string.Equals(fullPath, DatabasePath, StringComparison.Ordinal))
        {
            throw new ArgumentException("The backup destination must not be the live database itself.", nameof(destinationPath));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var source = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The copy is synchronous and may take a while on a large file: keep it off the caller's thread.
            await Task.Run(() =>
            {
                var destinationConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = fullPath,
                    Mode = SqliteOpenMode.ReadWriteCreate,
                    Pooling = false,
                }.ToString();
                using var destination = new SqliteConnection(destinationConnectionString);
                destination.Open();
                source.BackupDatabase(destination);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns up to <paramref name="pages"/> free pages to the file system (<c>PRAGMA incremental_vacuum</c>);
    /// zero or less frees them all. Runs on the write connection, in short steps that do not block readers.
    /// Returns how many pages were freed.
    /// </summary>
    public Task<int> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) =>
        _database.WriteAsync((connection, _) =>
        {
            var before = Convert.ToInt32(SqliteDatabase.Scalar(connection, "PRAGMA freelist_count"), CultureInfo.InvariantCulture);
            SqliteDatabase.Execute(connection, $"PRAGMA incremental_vacuum({Math.Max(pages, 0).ToString(CultureInfo.InvariantCulture)})");
            var after = Convert.ToInt32(SqliteDatabase.Scalar(connection, "PRAGMA freelist_count"), CultureInfo.InvariantCulture);
            return before - after;
        }, cancellationToken);

    /// <summary>
    /// Waits for the write in progress, writes what is kept in memory for the next start (the last fires of recent
    /// runs), closes the write connection and this file's pooled readers.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _runs.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            // Not initialized, already closed or the disk refused: the next start folds them from the runs instead.
        }
        await _database.DisposeAsync().ConfigureAwait(false);
    }
}
