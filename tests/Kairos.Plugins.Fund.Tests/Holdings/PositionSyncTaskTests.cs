using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Holdings;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Plugins.Fund.Transactions;
using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Fund.Tests.Holdings;

public sealed class PositionSyncTaskTests
{
    private static readonly DateTimeOffset Now = FundHarness.Beijing(2025, 6, 13, 16, 0);

    private static FundTransaction Dca(string due, decimal amount) =>
        new($"dca-p-{due.Replace("-", "", StringComparison.Ordinal)}", "000001", TransactionKinds.DcaBuy, FundTransaction.Pending, "p", Day(due), Day(due), amount, 0.0015m,
            null, null, null, null, null, null, Now, null);

    private static FundTransaction Manual(string id, string code, string kind, string trade, decimal shares, decimal amount, decimal fee = 0m) =>
        new(id, code, kind, FundTransaction.Confirmed, null, null, Day(trade), amount, null, fee, kind == TransactionKinds.Buy ? amount - fee : amount, null, shares, null, null, Now, Now);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static NavPoint Nav(string date, decimal nav) => new(Day(date), nav, null, null, "开放申购", "开放赎回", null);

    /// <summary>
    /// 000001: two DCA purchases of 1000.00 at fee rate 0.0015 (NAV 1.1090 on 06-09, 1.1040 on 06-10), a manual buy of
    /// 100.00 units for 120.00 on 06-11, a manual sale of 300.00 units for 340.00 on 06-12, latest NAV 1.1200 (06-12),
    /// and a pending purchase of 500.00 due 06-13. 000009 (money market): 5000.00 units bought for 5000.00.
    /// 000002: bought and sold out.
    /// </summary>
    private static async Task SeedAsync(FundHarness h)
    {
        var s = h.Store;
        await s.FollowAsync("000009", FundKind.MoneyMarket, Now, default);
        await s.UpsertNavsAsync("000001", [Nav("2025-06-09", 1.1090m), Nav("2025-06-10", 1.1040m), Nav("2025-06-11", 1.1150m), Nav("2025-06-12", 1.1200m)], Now, default);
        await s.UpsertNavsAsync("000002", [Nav("2025-06-12", 2.0000m)], Now, default);
        await s.UpsertYieldsAsync("000009", [new(Day("2025-06-12"), 0.4498m, 1.629m, "", "")], Now, default);
        foreach (var t in new[]
        {
            Dca("2025-06-09", 1000.00m), Dca("2025-06-10", 1000.00m), Dca("2025-06-13", 500.00m),
            Manual("m1", "000001", TransactionKinds.Buy, "2025-06-11", 100.00m, 120.00m, fee: 0.50m),
            Manual("m2", "000001", TransactionKinds.Sell, "2025-06-12", 300.00m, 340.00m),
            Manual("m3", "000009", TransactionKinds.Buy, "2025-06-10", 5000.00m, 5000.00m),
            Manual("m4", "000002", TransactionKinds.Buy, "2025-06-10", 10.00m, 20.00m),
            Manual("m4s", "000002", TransactionKinds.Sell, "2025-06-12", 10.00m, 21.00m),
        })
        {
            await s.TryInsertTransactionAsync(t, default);
        }
    }

    [Fact]
    public async Task Sync_WritesHoldingsCheckedByHand_ToThePortfolio()
    {
        await using var h = await FundHarness.StartAsync(Now);
        await SeedAsync(h);

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var positions = (await h.PortfolioStore.GetPositionsAsync("fund")).ToDictionary(p => p.InstrumentId);
        // 000001: shares 900.36 + 904.43 + 100.00 = 1904.79 for 2120.00; the sale of 300 removes 2120 × 300 / 1904.79
        // = 333.895… → 333.90 of cost: 1604.79 units costing 1786.10 (average 1.112980… → 1.1130); value 1604.79 × 1.12
        // = 1797.3648 → 1797.36; P&L 1797.36 − 1786.10 = 11.26.
        var f1 = positions["000001"];
        Assert.Equal((1604.79m, 1.1130m, 1.1200m, 1797.36m, 11.26m, "CNY", "fund", PositionSide.Long),
            (f1.Quantity, f1.AverageCost!.Value, f1.Price!.Value, f1.MarketValue!.Value, f1.UnrealisedPnl!.Value, f1.Currency, f1.InstrumentKind, f1.Side));
        // 000009: money-market units are worth 1.00.
        var f9 = positions["000009"];
        Assert.Equal((5000.00m, 1.00m, 5000.00m, 0.00m), (f9.Quantity, f9.Price!.Value, f9.MarketValue!.Value, f9.UnrealisedPnl!.Value));
        Assert.Equal(2, positions.Count);
        var synced = result.Data!["positions"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "000001")!;
        Assert.Equal("1786.10", synced["cost"]!.GetValue<string>());
        Assert.Equal("0.63", synced["return_percent"]!.GetValue<string>()); // 11.26 / 1786.10 = 0.6304 %
        Assert.Equal("6797.36", result.Data!["total_market_value"]!.GetValue<string>());
        var holding = (await HoldingReader.ReadAsync(h.Store, "000001", default))[0].Holding;
        Assert.Equal((6.10m, 500.00m), (holding.RealisedPnl, holding.PendingAmount)); // 340.00 − 333.90
        Assert.Single(h.Host.EventsOfType(PositionSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task Sync_RecordsConfirmedTransactionsInThePortfolioOnce()
    {
        await using var h = await FundHarness.StartAsync(Now);
        await SeedAsync(h);

        await h.RunAsync(PositionSyncTask.Id);
        var (again, _) = await h.RunAsync(PositionSyncTask.Id);

        var page = await h.PortfolioStore.GetTransactionsAsync(new TransactionQuery { Source = "fund" });
        Assert.Equal(7, page.Items.Count); // the pending purchase of 06-13 is not in the portfolio yet
        Assert.Equal(0, again.Data!["new_transactions"]!.GetValue<int>());
        var dca = page.Items.Single(t => t.ExternalId == "dca-p-20250609");
        Assert.Equal((TransactionKinds.DcaBuy, -1000.00m, 1.50m, 900.36m, 1.1090m, "000001"), (dca.Kind, dca.Amount, dca.Fee!.Value, dca.Quantity!.Value, dca.Price!.Value, dca.InstrumentId!));
        Assert.Equal(FundHarness.Beijing(2025, 6, 9, 15, 0), dca.OccurredAt);
        Assert.Equal(340.00m, page.Items.Single(t => t.ExternalId == "m2").Amount);
    }

    [Fact]
    public async Task FundSoldOut_DisappearsFromThePortfolio()
    {
        await using var h = await FundHarness.StartAsync(Now);
        await SeedAsync(h);
        await h.RunAsync(PositionSyncTask.Id);
        Assert.Contains(await h.PortfolioStore.GetPositionsAsync("fund"), p => p.InstrumentId == "000009");

        await h.Store.TryInsertTransactionAsync(Manual("m5", "000009", TransactionKinds.Sell, "2025-06-13", 5000.00m, 5000.10m), default);
        h.SetTime(Now.AddHours(1));
        await h.RunAsync(PositionSyncTask.Id);

        Assert.Equal(["000001"], (await h.PortfolioStore.GetPositionsAsync("fund")).Select(p => p.InstrumentId));
    }

    [Fact]
    public async Task NetWorth_OfThePortfolio_CountsTheFundHoldings()
    {
        await using var h = await FundHarness.StartAsync(Now);
        await SeedAsync(h);

        await h.RunAsync(PositionSyncTask.Id);
        var report = await h.PortfolioStore.GetNetWorthAsync("CNY");

        Assert.Equal(6797.36m, report.Total);
        Assert.Equal([("fund", 6797.36m)], report.BySource.Select(s => (s.Key, s.Amount)));
    }
}
