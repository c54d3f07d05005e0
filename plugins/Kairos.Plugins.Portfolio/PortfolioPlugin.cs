using Kairos.Plugins.Portfolio.Http;
using Kairos.Plugins.Portfolio.Storage;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Portfolio;

/// <summary>
/// The <c>portfolio</c> plugin: the finance data model every source writes into. It owns the <c>portfolio_*</c>
/// tables, exports <see cref="IPortfolioStore"/> to the plugins that depend on it (the only way to write them), and
/// serves read endpoints under <c>/api/v1/plugins/portfolio/</c>: <c>accounts</c>, <c>balances</c>, <c>positions</c>,
/// <c>transactions</c>, <c>fx-rates</c>, <c>net-worth</c> and <c>net-worth/history</c>.
/// </summary>
public sealed class PortfolioPlugin : TaskPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "portfolio";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "Portfolio";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "One data model for every finance source: accounts, balances, positions, transactions, exchange rates, prices, candles and daily snapshots; net worth in one currency";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = PortfolioSettings.From(plugin.Settings);
        plugin.Services.AddSingleton(settings);
        plugin.Services.AddSingleton<IPortfolioStore>(services => new SqlPortfolioStore(
            services.GetRequiredService<IPluginDatabase>(), settings, services.GetRequiredService<TimeProvider>()));
        plugin.Export<IPortfolioStore>();
        foreach (var migration in PortfolioMigrations.All)
        {
            plugin.AddMigration(migration);
        }
        plugin.MapEndpoints(PortfolioEndpoints.Map);
    }
}
