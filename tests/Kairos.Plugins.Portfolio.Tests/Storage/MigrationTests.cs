using Kairos.Plugins.Portfolio.Storage;
using Kairos.Plugins.Portfolio.Tests.Support;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;

namespace Kairos.Plugins.Portfolio.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public void Migrations_OnlyNameTablesOfThePlugin()
    {
        Assert.All(PortfolioMigrations.All, m => Assert.Empty(PluginTestHost.ForeignObjects(m.Sql, "portfolio_")));
        Assert.Equal([1], PortfolioMigrations.All.Select(m => m.Version));
    }

    [Fact]
    public async Task Migrations_CreateTheModelWithAmountsAsText()
    {
        await using var h = await PortfolioHarness.StartAsync();

        var tables = (await h.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).Select(r => (string)r[0]!).ToArray();
        var realColumns = await h.QueryAsync("SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.type NOT IN ('TEXT', 'INTEGER')");

        Assert.Equal(
        [
            "portfolio_account_snapshots", "portfolio_accounts", "portfolio_balance_snapshots", "portfolio_balances", "portfolio_candles",
            "portfolio_exchange_rates", "portfolio_position_snapshots", "portfolio_positions", "portfolio_prices", "portfolio_transactions",
        ], tables);
        Assert.Empty(realColumns);
    }
}
