using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kairos.Server.Maintenance;

/// <summary>
/// <c>kairos restore &lt;file&gt;</c> (<c>dotnet run --project src/Kairos.Server -- restore &lt;file&gt;</c>): puts a backup
/// made by the data plugin (<c>&lt;data&gt;/backups/kairos-*.db</c>) in place of the data folder's database.
/// <list type="number">
/// <item>Refuses while a server uses the folder: it takes <see cref="ServerDataLock"/> (<c>kairos.lock</c>) and keeps
/// it to the end, so no server can start half-way either.</item>
/// <item>Copies the backup next to the database (<c>kairos.db.restoring-&lt;stamp&gt;</c>) and checks that copy —
/// the very bytes that will be used — with <c>PRAGMA integrity_check</c> and for the Kairos tables; nothing is
/// replaced when the check fails.</item>
/// <item>Moves the current database aside as <c>kairos.db.replaced-&lt;stamp&gt;</c> together with its <c>-wal</c> and
/// <c>-shm</c> files (a WAL left beside the restored file would be replayed into it), then renames the copy into place.
/// A failure while moving puts the old files back.</item>
/// </list>
/// Exit codes: <see cref="Restored"/>, <see cref="Failed"/>, <see cref="ServerRunning"/>.
/// </summary>
public static class RestoreCommand
{
    /// <summary>The backup is in place.</summary>
    public const int Restored = 0;

    /// <summary>Nothing was changed: the backup is missing, unreadable, not a Kairos database, fails its check, or a file could not be moved.</summary>
    public const int Failed = 1;

    /// <summary>Nothing was changed: a server (or another restore) holds the data folder's lock.</summary>
    public const int ServerRunning = 3;

    private const string DatabaseFileName = "kairos.db";
    private static readonly string[] s_companions = ["", "-wal", "-shm"];

    /// <inheritdoc cref="RunAsync(string, string, TextWriter, TimeProvider, CancellationToken)"/>
    public static Task<int> RunAsync(string dataDirectory, string backupFile, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(dataDirectory, backupFile, output, TimeProvider.System, cancellationToken);

    /// <summary>Restores <paramref name="backupFile"/> into <paramref name="dataDirectory"/>, telling <paramref name="output"/> what it does.</summary>
    /// <param name="dataDirectory">The data folder (<c>KAIROS_DATA_DIR</c>).</param>
    /// <param name="backupFile">The backup to restore.</param>
    /// <param name="output">Where progress and errors are written (one line each).</param>
    /// <param name="time">The clock of the file name stamps.</param>
    /// <param name="cancellationToken">Stops before the database is replaced.</param>
    /// <returns>An exit code: <see cref="Restored"/>, <see cref="Failed"/> or <see cref="ServerRunning"/>.</returns>
    public static async Task<int> RunAsync(string dataDirectory, string backupFile, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFile);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        var folder = Path.GetFullPath(dataDirectory);
        var backup = Path.GetFullPath(backupFile);
        var database = Path.Combine(folder, DatabaseFileName);
        if (!File.Exists(backup))
        {
            await output.WriteLineAsync($"kairos restore: the backup '{backup}' does not exist; nothing was changed.").ConfigureAwait(false);
            return Failed;
        }
        if (string.Equals(backup, database, StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"kairos restore: '{backup}' is the live database itself; name a backup file (e.g. {Path.Combine(folder, "backups", "kairos-<stamp>.db")}).").ConfigureAwait(false);
            return Failed;
        }

        using var dataLock = ServerDataLock.TryAcquire(folder);
        if (dataLock is null)
        {
            await output.WriteLineAsync($"kairos restore: a Kairos server is using {folder} ({ServerDataLock.FileName} is held); stop it and run restore again. Nothing was changed.").ConfigureAwait(false);
            return ServerRunning;
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var staging = Unique(Path.Combine(folder, $"{DatabaseFileName}.restoring-{stamp}"));
        try
        {
            await output.WriteLineAsync($"kairos restore: checking {backup}").ConfigureAwait(false);
            await CopyAsync(backup, staging, cancellationToken).ConfigureAwait(false);
            var problem = await CheckAsync(staging, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                await output.WriteLineAsync($"kairos restore: refused: {backup} {problem}. Nothing was changed.").ConfigureAwait(false);
                return Failed;
            }
            cancellationToken.ThrowIfCancellationRequested();

            var aside = Unique(Path.Combine(folder, $"{DatabaseFileName}.replaced-{stamp}"));
            var moved = new List<(string From, string To)>();
            try
            {
                foreach (var suffix in s_companions)
                {
                    if (File.Exists(database + suffix))
                    {
                        File.Move(database + suffix, aside + suffix);
                        moved.Add((database + suffix, aside + suffix));
                    }
                }
                File.Move(staging, database);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                foreach (var (from, to) in Enumerable.Reverse(moved))
                {
                    File.Move(to, from, overwrite: true);
                }
                await output.WriteLineAsync($"kairos restore: could not put the backup in place ({ex.Message}); the previous database was left as it was.").ConfigureAwait(false);
                return Failed;
            }
            await output.WriteLineAsync(moved.Count == 0
                ? $"kairos restore: restored {backup} into {database} (there was no database before)."
                : $"kairos restore: restored {backup} into {database}; the replaced database is kept as {aside}{(moved.Count > 1 ? " (with its -wal/-shm)" : "")}.").ConfigureAwait(false);
            return Restored;
        }
        finally
        {
            foreach (var suffix in s_companions)
            {
                File.Delete(staging + suffix);
            }
        }
    }

    private static async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (destination.ConfigureAwait(false))
            {
                await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                // On disk before it is renamed into place: a crash must not leave a half-written database under the live name.
                destination.Flush(flushToDisk: true);
            }
        }
    }

    /// <summary>Null when the file is a sound Kairos database, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var answers = new List<string>();
                using (var check = connection.CreateCommand())
                {
                    check.CommandText = "PRAGMA integrity_check";
                    var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (answers.Count < 5 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            answers.Add(reader.GetString(0));
                        }
                    }
                }
                if (answers is not ["ok"])
                {
                    return $"fails the integrity check: {string.Join("; ", answers)}";
                }
                using var tables = connection.CreateCommand();
                tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('jobs', 'runs', 'events')";
                var count = Convert.ToInt64(await tables.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                return count == 3 ? null : "is not a Kairos database (it lacks the jobs, runs and events tables)";
            }
            catch (SqliteException ex)
            {
                return $"cannot be read as a database: {ex.Message.TrimEnd('.')}";
            }
        }
    }

    private static string Unique(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = $"{path}-{n}";
        }
        return candidate;
    }
}
