using Kairos.Plugins.Fund.Dca;
using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Holdings;
using Kairos.Plugins.Fund.Navs;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Transactions;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Fund;

/// <summary>
/// The <c>fund</c> plugin (depends on <c>portfolio</c>): Chinese mutual funds from the 'tiantian' source.
/// <list type="bullet">
/// <item>Tasks <c>fund_nav_update</c> (NAVs and estimates), <c>dca_execute</c> (DCA purchases), <c>fund_position_sync</c> (holdings → portfolio).</item>
/// <item>Default jobs <c>fund_dca_execute</c> (trading days 14:30 Beijing) and <c>fund_position_sync</c> (on <c>fund.nav.updated</c>);
/// the host's default job <c>default_fund_nav_update</c> (15:30) runs <c>fund_nav_update</c>.</item>
/// <item>Endpoints under <c>/api/v1/plugins/fund/</c>: <c>funds</c>, <c>dca-plans</c>, <c>transactions</c>.</item>
/// </list>
/// </summary>
public sealed class FundPlugin : TaskPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "fund";

    /// <summary>The name of the HTTP client the 'tiantian' source is called with.</summary>
    public const string HttpClientName = "tiantian";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "Funds";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "Chinese mutual funds: NAV update from the 'tiantian' source (eastmoney), DCA (定投) plans and their execution, holdings synced into the portfolio";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var settings = FundSettings.From(plugin.Settings);
        var services = plugin.Services;
        services.AddSingleton(settings);
        // The source's own pacing and soft-error retries live in TiantianClient; the host's pipeline retries HTTP failures.
        services.AddPluginHttpClient(HttpClientName);
        services.AddSingleton(s => new NavUpdateTask(s.GetRequiredService<IPluginDatabase>(), s.GetRequiredService<IHttpClientFactory>(), settings, s.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(s => new DcaExecuteTask(s.GetRequiredService<IPluginDatabase>(), s.GetRequiredService<ITradingCalendar>()));
        services.AddSingleton(s => new PositionSyncTask(s.GetRequiredService<IPluginDatabase>(), s.GetRequiredService<IPortfolioStore>(), settings));
        plugin.AddTask<NavUpdateTask>();
        plugin.AddTask<DcaExecuteTask>();
        plugin.AddTask<PositionSyncTask>();

        plugin.AddJob(new PluginJob("dca_execute", DcaExecuteTask.Id,
            """{"type":"cron","day_of_week":"mon-fri","hour":14,"minute":30,"timezone":"Asia/Shanghai"}""",
            OptionsJson: """{"condition":"is_trading_day('CN')","max_instances":1,"coalesce":true}"""));
        plugin.AddJob(new PluginJob("position_sync", PositionSyncTask.Id,
            $$"""{"type":"event","event_type":"{{NavUpdateTask.UpdatedEvent}}"}""",
            OptionsJson: """{"max_instances":1,"coalesce":true}"""));

        foreach (var migration in FundMigrations.All)
        {
            plugin.AddMigration(migration);
        }
        plugin.MapEndpoints(FundEndpoints.Map);
        plugin.MapEndpoints(DcaPlanEndpoints.Map);
        plugin.MapEndpoints(TransactionEndpoints.Map);
    }
}
