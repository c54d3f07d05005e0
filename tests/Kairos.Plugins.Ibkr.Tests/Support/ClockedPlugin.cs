using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Ibkr.Tests.Support;

/// <summary>
/// Loads a plugin exactly as it is, except that its services' <see cref="TimeProvider"/> is the given clock (the
/// host's fake clock, driven): registered after the plugin's own Configure, so it is the one resolved.
/// </summary>
internal sealed class ClockedPlugin(TaskPlugin inner, TimeProvider clock) : TaskPlugin
{
    public override string Id => inner.Id;

    public override string Name => inner.Name;

    public override string Version => inner.Version;

    public override string Description => inner.Description;

    public override void Configure(IPluginBuilder plugin)
    {
        inner.Configure(plugin);
        plugin.Services.AddSingleton(clock);
    }

    public override Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StartAsync(services, cancellationToken);

    public override Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StopAsync(services, cancellationToken);
}
