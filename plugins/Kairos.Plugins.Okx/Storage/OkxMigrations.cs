using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Okx.Storage;

/// <summary>
/// The okx plugin's own schema: the newest candle stored per instrument and bar, where the next market-data sync
/// starts. Instants are fixed-width UTC ISO-8601 TEXT.
/// </summary>
internal static class OkxMigrations
{
    public static readonly PluginMigration V1 = new(1, "candle sync state per instrument and bar", """
        CREATE TABLE okx_candle_state (
            instrument_id TEXT NOT NULL,
            bar TEXT NOT NULL,
            last_open_time TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (instrument_id, bar))
        """);

    public static IReadOnlyList<PluginMigration> All { get; } = [V1];
}
