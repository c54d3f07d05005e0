using System.Data.Common;

namespace Kairos.Sdk.Plugins;

/// <summary>The SQL dialect of the Kairos database.</summary>
public enum SqlDialect
{
    /// <summary>SQLite (the default single-node store).</summary>
    Sqlite,

    /// <summary>PostgreSQL (multi-node).</summary>
    PostgreSql,
}

/// <summary>
/// The plugin's own tables in the Kairos database. The tables are created and upgraded by the plugin's
/// <see cref="PluginMigration"/>s when it loads; by convention (checked in migrations) every table of the
/// plugin is named <c>&lt;plugin_id&gt;_*</c>, and a plugin never reads or writes another plugin's tables
/// (it uses the services that plugin exports instead).
/// </summary>
public interface IPluginDatabase
{
    /// <summary>The dialect of the SQL this connection speaks.</summary>
    SqlDialect Dialect { get; }

    /// <summary>The prefix of every table of this plugin: <c>&lt;plugin_id&gt;_</c>.</summary>
    string TablePrefix { get; }

    /// <summary>
    /// Opens a new connection to the Kairos database (the caller disposes it). SQLite connections are in WAL
    /// mode with a busy timeout; keep write transactions short so the scheduler never waits on them.
    /// </summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);
}
