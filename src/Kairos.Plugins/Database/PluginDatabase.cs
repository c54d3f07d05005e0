using System.Data.Common;
using Kairos.Plugins.Hosting;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Database;

/// <summary>A plugin's view of the Kairos database.</summary>
internal sealed class PluginDatabase(IPluginHost host, string pluginId) : IPluginDatabase
{
    public SqlDialect Dialect => host.DatabaseDialect;

    public string TablePrefix { get; } = pluginId + "_";

    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => host.OpenDatabaseAsync(cancellationToken);
}
