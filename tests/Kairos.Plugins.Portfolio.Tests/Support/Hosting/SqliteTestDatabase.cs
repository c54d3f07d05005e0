using System.Data.Common;
using Kairos.Sdk.Plugins;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Portfolio.Tests.Support.Hosting;

/// <summary>
/// A plugin's view of a real SQLite file (WAL, busy timeout), as the host gives it: every plugin of one
/// <see cref="PluginTestHost"/> shares the file, each with its own table prefix.
/// </summary>
internal sealed class SqliteTestDatabase(string path, string pluginId) : IPluginDatabase
{
    public SqlDialect Dialect => SqlDialect.Sqlite;

    public string TablePrefix { get; } = pluginId + "_";

    public string Path => path;

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        await connection.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
