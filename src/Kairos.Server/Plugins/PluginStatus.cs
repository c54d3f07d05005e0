using System.Text.Json.Nodes;
using Kairos.Plugins;
using Kairos.Server.Endpoints;

namespace Kairos.Server.Plugins;

/// <summary>Adds plugin counts by state to <c>/status</c>.</summary>
public sealed class PluginStatus(PluginManager manager) : IStatusContributor
{
    public void Contribute(JsonObject status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var counts = new JsonObject();
        foreach (var state in Enum.GetValues<PluginState>())
        {
            counts[state.ToString().ToLowerInvariant()] = manager.List().Count(p => p.State == state);
        }
        status["plugins"] = counts;
    }
}
