using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Data.Tests.Support;

/// <summary>
/// A plugin exactly as <paramref name="inner"/>, with host services the shared test host does not add itself
/// (the server's host adds <see cref="IHostMaintenance"/> to every plugin's services before Configure).
/// </summary>
internal sealed class WithHostServices(TaskPlugin inner, Action<IServiceCollection> addHostServices) : TaskPlugin
{
    public override string Id => inner.Id;

    public override string Name => inner.Name;

    public override string Version => inner.Version;

    public override string Description => inner.Description;

    public override void Configure(IPluginBuilder plugin)
    {
        addHostServices(plugin.Services);
        inner.Configure(plugin);
    }

    public override Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StartAsync(services, cancellationToken);

    public override Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StopAsync(services, cancellationToken);
}
