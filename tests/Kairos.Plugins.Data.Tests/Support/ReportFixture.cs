using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Data.Tests.Support;

/// <summary>
/// Portfolio data for October 2026 (Shanghai), written through <see cref="IPortfolioStore"/>, with the figures of the
/// report worked out by hand in the comments (the test asserts exactly these).
/// </summary>
internal static class ReportFixture
{
    /// <summary>The default report_generation run: the 1st at 06:00 Shanghai (still October 31 in UTC).</summary>
    public static readonly DateTimeOffset Now = DataHarness.Beijing(2026, 11, 1, 6);

    public static async Task WriteAsync(IPortfolioStore store)
    {
        await store.UpsertExchangeRatesAsync([
            new ExchangeRate("USD", "CNY", 7.10m, new DateTimeOffset(2026, 9, 15, 0, 0, 0, TimeSpan.Zero), "wise"),
            new ExchangeRate("USD", "CNY", 7.20m, new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), "wise"),
            new ExchangeRate("USDT", "USD", 1m, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), "okx"),
        ]);

        // Sep 30 (the start): wise 1000 + 100 × 7.10 = 1710.00; fund 1100 → 2810.00.
        await store.ReplaceAccountHoldingsAsync("wise", "main", [new BalanceEntry("CNY", 1000m), new BalanceEntry("USD", 100m)], [], DataHarness.Beijing(2026, 9, 30));
        await store.ReplaceAccountHoldingsAsync("fund", "default", [],
            [new PositionEntry("000001", "fund", PositionSide.Long, 1000m, "CNY") { AverageCost = 1.0m, Price = 1.1m, MarketValue = 1100m, UnrealisedPnl = 100m }],
            DataHarness.Beijing(2026, 9, 30));

        // Oct 10: okx 50 USDT (via USD: 50 × 1 × 7.10 = 355.00 that day); last sync of okx → stale on Nov 1.
        await store.ReplaceAccountHoldingsAsync("okx", "trading", [new BalanceEntry("USDT", 50m) { AssetClass = "crypto" }], [], DataHarness.Beijing(2026, 10, 10, 12));

        // Oct 31 (the end): wise 1500 + 200 × 7.20 = 2940.00; fund 2400 (000002 unvalued); ibkr 2000 USD × 7.20 = 14400.00;
        // okx carried: 50 × 7.20 = 360.00 → 20100.00. Change 17290.00 = 615.30 % of 2810.00.
        await store.ReplaceAccountHoldingsAsync("wise", "main", [new BalanceEntry("CNY", 1500m), new BalanceEntry("USD", 200m)], [], DataHarness.Beijing(2026, 10, 31));
        await store.ReplaceAccountHoldingsAsync("fund", "default", [],
        [
            new PositionEntry("000001", "fund", PositionSide.Long, 2000m, "CNY") { Name = "S&P <500> Index", AverageCost = 1.05m, Price = 1.2m, MarketValue = 2400m, UnrealisedPnl = 300m },
            new PositionEntry("000002", "fund", PositionSide.Long, 10m, "CNY"),
        ], DataHarness.Beijing(2026, 10, 31));
        await store.ReplaceAccountHoldingsAsync("ibkr", "U123", [],
            [new PositionEntry("AAPL", "stock", PositionSide.Long, 10m, "USD") { AverageCost = 150m, Price = 200m, MarketValue = 2000m, UnrealisedPnl = 500m }],
            DataHarness.Beijing(2026, 10, 31));

        // Contributions in October (Shanghai days): CNY 50 + 500 + 1000 + 200 = 1750; USDT 20 (= 144.00 CNY) → 1894.00.
        await store.UpsertTransactionsAsync([
            Tx("fund", "t1", "default", DataHarness.Beijing(2026, 10, 8, 15), TransactionKinds.DcaBuy, -500m, "CNY", "000001"),
            Tx("fund", "t2", "default", DataHarness.Beijing(2026, 10, 20), TransactionKinds.Buy, -1000m, "CNY", "000001"),
            Tx("fund", "t3", "default", DataHarness.Beijing(2026, 10, 31, 23, 30), TransactionKinds.DcaBuy, -200m, "CNY", "000001"),
            Tx("fund", "t4", "default", DataHarness.Beijing(2026, 11, 1, 0, 30), TransactionKinds.DcaBuy, -300m, "CNY", "000001"),
            Tx("fund", "t5", "default", DataHarness.Beijing(2026, 9, 30, 23, 30), TransactionKinds.DcaBuy, -400m, "CNY", "000001"),
            Tx("fund", "t6", "default", DataHarness.Beijing(2026, 10, 1, 0, 30), TransactionKinds.Buy, -50m, "CNY", "000001"),
            Tx("okx", "t7", "trading", DataHarness.Beijing(2026, 10, 12), TransactionKinds.Buy, -20m, "USDT", "BTC-USDT"),
            Tx("fund", "t8", "default", DataHarness.Beijing(2026, 10, 15), TransactionKinds.Sell, 100m, "CNY", "000001"),
            Tx("wise", "t9", "main", DataHarness.Beijing(2026, 10, 5), TransactionKinds.Deposit, 5000m, "CNY", null),
        ]);
    }

    private static PortfolioTransaction Tx(string source, string id, string account, DateTimeOffset at, string kind, decimal amount, string currency, string? instrument) =>
        new(source, id, account, at, kind, amount, currency) { InstrumentId = instrument };
}
