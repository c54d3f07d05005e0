using System.Data.Common;
using System.Globalization;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Database;

/// <summary>
/// Applies a plugin's migrations in version order, each once and in its own transaction, recording them in
/// <c>kairos_plugin_migrations</c> (plugin id, version, description, applied at). A database that is ahead
/// of the plugin (a downgrade) fails the plugin rather than running old code on a newer schema.
/// </summary>
internal static class PluginMigrator
{
    public const string HistoryTable = "kairos_plugin_migrations";

    /// <summary>Checks versions and SQL without touching the database; returns the problems.</summary>
    public static IReadOnlyList<string> Check(string pluginId, IReadOnlyList<PluginMigration> migrations)
    {
        var problems = new List<string>();
        var seen = new HashSet<int>();
        foreach (var migration in migrations)
        {
            if (migration.Version < 1)
            {
                problems.Add($"migration {migration.Version}: versions start at 1");
            }
            if (!seen.Add(migration.Version))
            {
                problems.Add($"migration {migration.Version}: declared twice");
            }
            if (string.IsNullOrWhiteSpace(migration.Sql))
            {
                problems.Add($"migration {migration.Version}: has no SQL");
                continue;
            }
            problems.AddRange(MigrationSqlValidator.Validate(migration.Sql, pluginId).Select(p => $"migration {migration.Version}: {p}"));
        }
        return problems;
    }

    /// <summary>Applies the migrations not applied yet; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection connection, string pluginId, IReadOnlyList<PluginMigration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable} (
                plugin_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL,
                PRIMARY KEY (plugin_id, version))
            """, [], cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, pluginId, cancellationToken).ConfigureAwait(false);
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (current > known)
        {
            throw new InvalidOperationException($"the database holds migration {current} of plugin '{pluginId}', but this version only knows up to {known} (a downgrade): install a version that knows migration {current}");
        }
        var applied = new List<int>();
        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, [], cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex)
                {
                    throw new InvalidOperationException($"migration {migration.Version} ({migration.Description}) failed: {ex.Message}", ex);
                }
                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO {HistoryTable} (plugin_id, version, description, applied_at) VALUES (@plugin, @version, @description, @applied)",
                    [("@plugin", pluginId), ("@version", migration.Version), ("@description", migration.Description), ("@applied", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))],
                    cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            applied.Add(migration.Version);
        }
        return applied;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, string pluginId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX(version) FROM {HistoryTable} WHERE plugin_id = @plugin";
        AddParameter(command, "@plugin", pluginId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // migration SQL is the plugin's own code, checked by MigrationSqlValidator
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
