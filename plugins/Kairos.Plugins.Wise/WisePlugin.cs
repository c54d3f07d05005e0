using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Balances;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Rates;
using Kairos.Plugins.Wise.Storage;
using Kairos.Plugins.Wise.Sync;
using Kairos.Plugins.Wise.Transactions;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise;

/// <summary>
/// The <c>wise</c> plugin (depends on <c>portfolio</c>): Wise accounts through Wise's API.
/// <list type="bullet">
/// <item>Tasks <c>wise_balance_sync</c> (balances → portfolio, run daily at 16:30 by the host's default job
/// <c>default_wise_balance_sync</c>), <c>wise_transaction_sync</c> (activity feed and statements → transactions) and
/// <c>wise_exchange_rate_sync</c> (rates → exchange rates).</item>
/// <item>Events <c>wise.balances.synced</c>, <c>wise.transactions.synced</c>, <c>wise.rates.synced</c>.</item>
/// <item>Table <c>wise_sync_state</c>: where each profile's transaction sync got to.</item>
/// </list>
/// The API token is added by <see cref="WiseAuthenticationHandler"/> as the HTTP client's primary handler, below the
/// host's logging and resilience handlers, so it never reaches a log.
/// </summary>
public sealed class WisePlugin : TaskPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "wise";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "Wise";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "Wise (TransferWise) accounts: balances per currency, the activity feed and statements as transactions, and exchange rates, synced into the portfolio";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = WisePluginSettings.From(plugin.Settings);
        var services = plugin.Services;
        services.AddSingleton(settings);
        // The host's pipeline retries 408/429 (honouring Retry-After)/5xx and timeouts; 401 and 4xx are not retried.
        services.AddPluginHttpClient(WiseSource.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => WiseAuthenticationHandler.CreatePrimaryHandler(settings.Client));
        services.AddSingleton(s => new WiseSource(s.GetRequiredService<IHttpClientFactory>(), settings, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(s => new SyncStateStore(s.GetRequiredService<IPluginDatabase>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new BalanceSyncTask(s.GetRequiredService<WiseSource>(), s.GetRequiredService<IPortfolioStore>()));
        services.AddSingleton(s => new TransactionSyncTask(s.GetRequiredService<WiseSource>(), s.GetRequiredService<IPortfolioStore>(), s.GetRequiredService<SyncStateStore>()));
        services.AddSingleton(s => new ExchangeRateSyncTask(s.GetRequiredService<WiseSource>(), s.GetRequiredService<IPortfolioStore>()));
        plugin.AddTask<BalanceSyncTask>();
        plugin.AddTask<TransactionSyncTask>();
        plugin.AddTask<ExchangeRateSyncTask>();
        foreach (var migration in WiseMigrations.All)
        {
            plugin.AddMigration(migration);
        }
    }
}
