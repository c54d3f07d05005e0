using Microsoft.Extensions.Hosting;

namespace Kairos.Plugins.Hosting;

/// <summary>
/// Runs the plugin system with the server: loads every plugin at start, watches the plugins folders while
/// running, unloads every plugin (draining their runs) at stop. Register it after the engine and event bus.
/// </summary>
public sealed class PluginHostedService(PluginManager manager) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await manager.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await manager.StopAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => manager.WatchAsync(stoppingToken);
}
