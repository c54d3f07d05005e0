using Kairos.Plugins.Okx.Balances;
using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Okx.Market;
using Kairos.Plugins.Okx.Positions;
using Kairos.Plugins.Okx.Storage;
using Kairos.Plugins.Okx.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx;

/// <summary>
/// The <c>okx</c> plugin (depends on <c>portfolio</c>): the OKX exchange through its signed API v5.
/// <list type="bullet">
/// <item>Tasks <c>okx_balance_sync</c> (trading and funding balances → portfolio, run hourly by the host's default job
/// <c>default_okx_balance_sync</c>), <c>okx_position_sync</c> (open positions) and <c>okx_market_data_sync</c> (tickers and candles).</item>
/// <item>Events <c>okx.balances.synced</c>, <c>okx.positions.synced</c>, <c>okx.market.synced</c>.</item>
/// <item>Table <c>okx_candle_state</c>: the newest candle stored per instrument and bar.</item>
/// </list>
/// Requests are signed by <see cref="OkxSigningHandler"/> as the HTTP client's primary handler, below the host's logging
/// and resilience handlers, so key, passphrase and signatures never reach a log.
/// </summary>
public sealed class OkxPlugin : TaskPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "okx";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "OKX";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "OKX exchange (API v5, signed): trading and funding balances, open positions, tickers and candles, synced into the portfolio";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = OkxPluginSettings.From(plugin.Settings);
        var services = plugin.Services;
        services.AddSingleton(settings);
        // The host's pipeline retries 429/5xx and timeouts; the client adds OKX's own rules (50011 back-off, one clock re-sync on 50102).
        services.AddPluginHttpClient(OkxSource.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(s => OkxSigningHandler.CreatePrimaryHandler(settings, s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new OkxSource(s.GetRequiredService<IHttpClientFactory>(), settings, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(s => new CandleStateStore(s.GetRequiredService<IPluginDatabase>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new BalanceSyncTask(s.GetRequiredService<OkxSource>(), s.GetRequiredService<IPortfolioStore>()));
        services.AddSingleton(s => new PositionSyncTask(s.GetRequiredService<OkxSource>(), s.GetRequiredService<IPortfolioStore>()));
        services.AddSingleton(s => new MarketDataSyncTask(s.GetRequiredService<OkxSource>(), s.GetRequiredService<IPortfolioStore>(), s.GetRequiredService<CandleStateStore>()));
        plugin.AddTask<BalanceSyncTask>();
        plugin.AddTask<PositionSyncTask>();
        plugin.AddTask<MarketDataSyncTask>();
        foreach (var migration in OkxMigrations.All)
        {
            plugin.AddMigration(migration);
        }
    }
}
