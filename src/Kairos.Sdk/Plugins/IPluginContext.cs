using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Kairos.Sdk.Plugins;

/// <summary>The identity of the running plugin and what it owns, resolvable from its services.</summary>
public interface IPluginContext
{
    /// <summary>The plugin id.</summary>
    string PluginId { get; }

    /// <summary>The loaded version.</summary>
    string Version { get; }

    /// <summary>
    /// The plugin's own JSON options (Kairos conventions: snake_case, enums as strings). Serialise the
    /// plugin's types with these, never with <c>JsonSerializerOptions.Default</c> or another shared instance:
    /// a shared cache that saw a plugin type keeps the plugin from unloading.
    /// </summary>
    JsonSerializerOptions JsonOptions { get; }

    /// <summary>The plugin's settings (configuration section <c>Plugins:&lt;plugin_id&gt;</c>).</summary>
    IConfiguration Settings { get; }

    /// <summary>Cancelled when the plugin starts unloading: background work of the plugin stops on it.</summary>
    CancellationToken Stopping { get; }
}
