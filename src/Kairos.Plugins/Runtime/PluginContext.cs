using System.Text.Json;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Runtime;

/// <summary>The <see cref="IPluginContext"/> a plugin resolves.</summary>
internal sealed class PluginContext(PluginRuntime runtime) : IPluginContext
{
    public string PluginId => runtime.PluginId;

    public string Version => runtime.Version.ToNormalizedString();

    public JsonSerializerOptions JsonOptions => runtime.JsonOptions;

    public IConfiguration Settings => runtime.Settings!;

    public CancellationToken Stopping => runtime.Stopping.Token;
}
