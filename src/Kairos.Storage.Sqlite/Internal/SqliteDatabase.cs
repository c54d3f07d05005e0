using System.Globalization;
using Kairos.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Internal;

/// <summary>
/// The connections of one database file. All writes go through one long-lived connection serialized by an async
/// lock (SQLite allows a single writer anyway; queuing here avoids SQLITE_BUSY retries). Reads open pooled read-only
/// connections, which WAL lets run in parallel with each other and with the writer.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private const int BusyTimeoutMs = 5_000;

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private SqliteConnection? _writer;
    private readonly Dictionary<Type, IDisposable> _writerCache = [];
    private bool _disposed;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        _options = options;
        Path = System.IO.Path.GetFullPath(options.DatabasePath);
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>Creates the folder and file, applies migrations, then switches to WAL.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var writer = new SqliteConnection(_writeConnectionString);
            try
            {
                writer.Open();
                Execute(writer, $"PRAGMA busy_timeout = {BusyTimeoutMs.ToString(CultureInfo.InvariantCulture)};");
                // Migrations run before WAL is switched on: on a new file, changing the journal mode writes the
                // header, after which auto_vacuum (set by migration 1) could no longer be changed.
                SqliteMigrator.Migrate(writer, Path, cancellationToken);
                var mode = Convert.ToString(Scalar(writer, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The database '{Path}' could not be switched to WAL mode (journal_mode is '{mode}').");
                }
                // Checkpoint every 12000 pages (47 MiB of WAL) rather than SQLite's 1000: a run batch rewrites the same
                // index pages again and again, and a rarer checkpoint copies each page once. Each checkpoint also stalls
                // the commit that triggers it: 100,000 runs written in a burst went from three stalls to one (4000 pages
                // measured 10-20% more runs/s than 1000, and 12000 another 15-30% in that burst). The WAL file left
                // behind is trimmed to 64 MiB.
                // A 4 MiB page cache on the write connection (SQLite's default is 2): writes touch the newest pages
                // and the index leaves of the jobs that ran, which a larger cache does not hold either at 100,000 jobs
                // (16 MiB measured the same run-write throughput, cost 12 MB more memory and ~2% more CPU, since the
                // cache is swept at the end of every transaction). Readers keep the default.
                Execute(writer, (_options.SynchronousFull ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;") +
                                "PRAGMA wal_autocheckpoint = 12000; PRAGMA journal_size_limit = 67108864;" +
                                "PRAGMA cache_size = -4096; PRAGMA temp_store = MEMORY;");
                _writer = writer;
            }
            catch
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// A helper bound to the write connection (prepared statements), made on first use and kept until the database
    /// closes, so a batch written every few milliseconds does not prepare its statements again. Call it only from
    /// inside <see cref="WriteAsync{T}"/> or <see cref="WriteInTransactionAsync{T}(Func{SqliteConnection, SqliteTransaction, CancellationToken, T}, CancellationToken)"/> work.
    /// </summary>
    internal T WriterCached<T>(SqliteConnection connection, Func<SqliteConnection, T> create) where T : class, IDisposable
    {
        if (!ReferenceEquals(connection, _writer))
        {
            throw new InvalidOperationException("Writer-cached helpers belong to the write connection.");
        }
        if (_writerCache.TryGetValue(typeof(T), out var cached))
        {
            return (T)cached;
        }
        var created = create(connection);
        _writerCache[typeof(T)] = created;
        return created;
    }

    /// <summary>Runs <paramref name="work"/> on the write connection, alone.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writer ?? throw NotInitialized();
            cancellationToken.ThrowIfCancellationRequested();
            return work(writer, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction on the write connection; rolls back on any failure.</summary>
    public Task<T> WriteInTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken) =>
        WriteInTransactionAsync(work, cancellationToken, static () => { });

    /// <summary>
    /// Like <see cref="WriteInTransactionAsync{T}(Func{SqliteConnection, SqliteTransaction, CancellationToken, T}, CancellationToken)"/>,
    /// then runs <paramref name="committed"/> once the commit succeeded, still alone on the write connection (no other
    /// write can come between the commit and it).
    /// </summary>
    public Task<T> WriteInTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken, Action committed) =>
        WriteAsync((connection, ct) =>
        {
            T result;
            using (var transaction = connection.BeginTransaction())
            {
                result = work(connection, transaction, ct);
                transaction.Commit();
            }
            committed();
            return result;
        }, cancellationToken);

    /// <summary>
    /// Like <see cref="WriteInTransactionAsync{T}(Func{SqliteConnection, SqliteTransaction, CancellationToken, T}, CancellationToken, Action)"/>
    /// for the hot write paths (run batches, event appends): the transaction is begun and committed with statements
    /// prepared once, where ADO.NET prepares <c>BEGIN IMMEDIATE</c> and <c>COMMIT</c> again for every transaction
    /// (about a twentieth of an event commit). ADO.NET does not know about the transaction, so a command run by
    /// <paramref name="work"/> leaves its <see cref="SqliteCommand.Transaction"/> unset; it still runs inside it.
    /// </summary>
    public Task<T> WriteInRawTransactionAsync<T>(Func<SqliteConnection, CancellationToken, T> work, CancellationToken cancellationToken, Action committed) =>
        WriteAsync((connection, ct) =>
        {
            var transaction = WriterCached(connection, static c => new RawTransaction(c));
            transaction.Begin();
            T result;
            try
            {
                result = work(connection, ct);
                transaction.Commit();
            }
            catch
            {
                try
                {
                    transaction.RollbackIfOpen();
                }
                catch (SqliteException)
                {
                    // The original failure is the one to report; the next Begin ends what is left open.
                }
                throw;
            }
            committed();
            return result;
        }, cancellationToken);

    /// <summary>Opens a pooled read-only connection; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is null)
        {
            throw NotInitialized();
        }
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (_writer is not null)
            {
                // Statements are finalised before their connection closes, or SQLite would keep it open.
                foreach (var cached in _writerCache.Values)
                {
                    cached.Dispose();
                }
                _writerCache.Clear();
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
            // Close the idle pooled readers of this file so its files can be moved or deleted.
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads a pragma on the write connection (per-connection settings such as synchronous live there).</summary>
    internal Task<object?> ReadWriterPragmaAsync(string pragma, CancellationToken cancellationToken = default) =>
        WriteAsync((connection, _) => Scalar(connection, "PRAGMA " + pragma), cancellationToken);

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private InvalidOperationException NotInitialized() =>
        new($"The SQLite store for '{Path}' is not initialized: call InitializeAsync first.");
}
