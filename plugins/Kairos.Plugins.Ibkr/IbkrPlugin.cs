using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Gateway;
using Kairos.Plugins.Ibkr.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr;

/// <summary>
/// The <c>ibkr</c> plugin (depends on <c>portfolio</c>): Interactive Brokers balances and positions in the portfolio
/// (source <c>ibkr</c>), read through the user's Client Portal gateway or from a Flex statement
/// (<c>Plugins:ibkr:Mode</c>).
/// <list type="bullet">
/// <item>Tasks <c>ibkr_balance_sync</c> (→ <c>ibkr.balances.synced</c>), <c>ibkr_position_sync</c>
/// (→ <c>ibkr.positions.synced</c>) and <c>ibkr_keepalive</c>; the host's default job <c>default_ibkr_balance_sync</c>
/// (daily 17:00) runs the balance sync.</item>
/// <item>Gateway mode only: jobs <c>ibkr_keepalive</c> (every minute) and <c>ibkr_position_sync</c> (after every
/// <c>ibkr.balances.synced</c>, so the daily default job leaves balances and positions both fresh). One request pacer
/// per plugin load, shared by every gateway call (keep-alive and syncs pace together).</item>
/// <item>Mode unset: the tasks fail with "IBKR is not configured"; no job is declared.</item>
/// </list>
/// </summary>
public sealed class IbkrPlugin : TaskPlugin
{
    /// <summary>The plugin id (also the portfolio source of its accounts).</summary>
    public const string PluginId = "ibkr";

    /// <summary>The HTTP client of the gateway (over <see cref="IbkrGatewayTls.CreatePrimaryHandler"/>).</summary>
    public const string GatewayHttpClientName = "ibkr-gateway";

    /// <summary>The HTTP client of the Flex Web Service.</summary>
    public const string FlexHttpClientName = "ibkr-flex";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "Interactive Brokers";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "Interactive Brokers balances and positions synced into the portfolio, through the local Client Portal gateway (kept alive every minute) or the Flex Web Service";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = IbkrSettings.From(plugin.Settings);
        var services = plugin.Services;
        services.AddSingleton(settings);
        services.AddSingleton(s => new HoldingsWriter(s.GetRequiredService<IPortfolioStore>(), s.GetRequiredService<TimeProvider>()));
        switch (settings.Mode)
        {
            case IbkrMode.Gateway:
                AddGateway(plugin, settings);
                break;
            case IbkrMode.Flex:
                AddFlex(services, settings);
                break;
            default:
                services.AddSingleton<IHoldingsSource>(new NotConfiguredSource());
                break;
        }
        services.AddSingleton(s => new BalanceSyncTask(s.GetRequiredService<IHoldingsSource>(), s.GetRequiredService<HoldingsWriter>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new PositionSyncTask(s.GetRequiredService<IHoldingsSource>(), s.GetRequiredService<HoldingsWriter>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new KeepAliveTask(settings, s.GetService<IbkrGatewayClient>()));
        plugin.AddTask<BalanceSyncTask>();
        plugin.AddTask<PositionSyncTask>();
        plugin.AddTask<KeepAliveTask>();
    }

    private static void AddGateway(IPluginBuilder plugin, IbkrSettings settings)
    {
        var services = plugin.Services;
        // One pacer per plugin load: the keep-alive and the syncs share the gateway's request budget.
        services.AddSingleton(s => new IbkrRequestPacer(settings.Gateway.MaxRequestsPerSecond, s.GetRequiredService<TimeProvider>()));
        services.AddPluginHttpClient(GatewayHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => IbkrGatewayTls.CreatePrimaryHandler(settings.Gateway));
        services.AddSingleton(s => new IbkrGatewayClient(
            s.GetRequiredService<IHttpClientFactory>().CreateClient(GatewayHttpClientName), settings.Gateway, s.GetRequiredService<TimeProvider>(),
            s.GetRequiredService<ILogger<IbkrGatewayClient>>(), s.GetRequiredService<IbkrRequestPacer>()));
        services.AddSingleton<IHoldingsSource>(s => new GatewayHoldingsSource(s.GetRequiredService<IbkrGatewayClient>(), settings, s.GetRequiredService<TimeProvider>()));

        // Job ids are "<plugin id>_<name>": ibkr_keepalive and ibkr_position_sync.
        plugin.AddJob(new PluginJob("keepalive", KeepAliveTask.Id,
            """{"type":"interval","minutes":1}""",
            OptionsJson: """{"max_instances":1,"coalesce":true,"misfire_grace_time":30,"timeout":50}"""));
        plugin.AddJob(new PluginJob("position_sync", PositionSyncTask.Id,
            $$"""{"type":"event","event_type":"{{SyncEvents.BalancesSynced}}"}""",
            OptionsJson: """{"max_instances":1,"coalesce":true}"""));
    }

    private static void AddFlex(IServiceCollection services, IbkrSettings settings)
    {
        // The token travels in the URL query: the factory's logging redacts query strings, the client logs "t=***".
        services.AddPluginHttpClient(FlexHttpClientName);
        services.AddSingleton(s => new IbkrFlexClient(
            s.GetRequiredService<IHttpClientFactory>().CreateClient(FlexHttpClientName), settings.Flex, s.GetRequiredService<TimeProvider>(),
            s.GetRequiredService<ILogger<IbkrFlexClient>>()));
        services.AddSingleton<IHoldingsSource>(s => new FlexHoldingsSource(s.GetRequiredService<IbkrFlexClient>(), settings, s.GetRequiredService<TimeProvider>()));
    }
}
