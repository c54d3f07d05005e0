using Kairos.Plugins;
using Kairos.Server.Hosting;

namespace Kairos.Server.Plugins;

/// <summary>
/// Loads the plugins after the built-in tasks and before the engine starts (so their jobs never flap to
/// waiting_for_plugin), then polls the plugin folders for hot-plug changes until shutdown.
/// </summary>
public sealed class PluginStartupStep(PluginManager manager) : IEngineStartupStep, IAsyncDisposable
{
    private CancellationTokenSource? _watchStop;
    private Task? _watch;

    public Task BeforeEngineStartAsync(CancellationToken cancellationToken) => manager.LoadAllAsync(cancellationToken);

    public Task AfterEngineStartAsync(CancellationToken cancellationToken)
    {
        _watchStop = new CancellationTokenSource();
        _watch = Task.Run(() => manager.WatchAsync(_watchStop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task BeforeEngineStopAsync(CancellationToken cancellationToken)
    {
        await StopWatchingAsync().ConfigureAwait(false);
        await manager.StopAllAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StopWatchingAsync()
    {
        if (_watchStop is null)
        {
            return;
        }
        await _watchStop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_watch is not null)
            {
                await _watch.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync().ConfigureAwait(false);
        _watchStop?.Dispose();
    }
}
