namespace Kairos.Sdk.Plugins;

/// <summary>
/// One versioned step of a plugin's schema. Versions start at 1 and only grow; a migration, once released,
/// never changes (add a new one instead). The SQL may hold several statements separated by ';'.
/// </summary>
/// <param name="Version">The schema version this step produces (1, 2, …).</param>
/// <param name="Description">What it changes, for the migration history.</param>
/// <param name="Sql">The statements; only objects named <c>&lt;plugin_id&gt;_*</c> may be created, altered or dropped.</param>
public sealed record PluginMigration(int Version, string Description, string Sql);
