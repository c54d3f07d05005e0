using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Migrations;

/// <summary>
/// Applies pending migrations, each in its own transaction together with the new <c>PRAGMA user_version</c>,
/// so a crash leaves the schema at a whole version. A database newer than this build is refused untouched.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Brings the database up to <see cref="SqliteMigrations.LatestVersion"/>; returns the version found.</summary>
    public static int Migrate(SqliteConnection connection, string databasePath, CancellationToken cancellationToken)
    {
        var found = ReadUserVersion(connection);
        var latest = SqliteMigrations.LatestVersion;
        if (found > latest)
        {
            throw new SchemaVersionTooNewException(databasePath, found, latest);
        }
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > found))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Deferred on purpose: BEGIN IMMEDIATE starts the write at once, which on a new file lays down page 1
            // with auto_vacuum off before migration 1 can switch it on.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + "\nPRAGMA user_version = " + migration.Version.ToString(CultureInfo.InvariantCulture) + ";";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        return found;
    }

    public static int ReadUserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
