using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Wise.Storage;

/// <summary>
/// The wise plugin's own schema: where the transaction sync of each profile got to. Instants are fixed-width UTC
/// ISO-8601 TEXT, so they sort as text and read the same in SQLite and PostgreSQL.
/// </summary>
internal static class WiseMigrations
{
    public static readonly PluginMigration V1 = new(1, "transaction sync state per profile", """
        CREATE TABLE wise_sync_state (
            profile_id TEXT NOT NULL PRIMARY KEY,
            synced_until TEXT,
            window_since TEXT,
            window_until TEXT,
            page_size INTEGER,
            next_cursor TEXT,
            updated_at TEXT NOT NULL)
        """);

    public static IReadOnlyList<PluginMigration> All { get; } = [V1];
}
