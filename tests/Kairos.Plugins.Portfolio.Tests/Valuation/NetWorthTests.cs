using Kairos.Plugins.Portfolio.Tests.Support;

namespace Kairos.Plugins.Portfolio.Tests.Valuation;

public sealed class NetWorthTests
{
    private static readonly DateTimeOffset Now = PortfolioHarness.Start;

    /// <summary>
    /// wise/p1: CNY 1000.50, USD 100, EUR 10, CHF 50; hk/acc: HKD 100; fund/default: 000001 worth 2345.67 and 000002
    /// without a value; okx/trading: a swap whose value is carried by its balance. Rates: USD/CNY 7.0 then 7.1234,
    /// CNY/EUR 0.128, HKD/USD 0.128.
    /// </summary>
    internal static async Task SeedAsync(IPortfolioStore store)
    {
        await store.UpsertExchangeRatesAsync(
        [
            new("USD", "CNY", 7.0m, Now.AddDays(-2), "wise"),
            new("USD", "CNY", 7.1234m, Now.AddDays(-1), "wise"),
            new("CNY", "EUR", 0.128m, Now.AddDays(-1), "wise"),
            new("HKD", "USD", 0.128m, Now.AddDays(-1), "ibkr"),
        ]);
        await store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 1000.50m), new("USD", 100m), new("EUR", 10m), new("CHF", 50m)], [], Now.AddHours(-3));
        await store.ReplaceAccountHoldingsAsync("hk", "acc", [new("HKD", 100m)], [], Now.AddHours(-2));
        await store.ReplaceAccountHoldingsAsync("fund", "default", [],
        [
            new("000001", "fund", PositionSide.Long, 1000m, "CNY") { MarketValue = 2345.67m },
            new("000002", "fund", PositionSide.Long, 10m, "CNY"),
        ], Now.AddHours(-1));
        await store.ReplaceAccountHoldingsAsync("okx", "trading", [],
            [new("BTC-USDT-SWAP", "swap", PositionSide.Long, 1m, "USDT") { MarketValue = 5000m, CountsInNetWorth = false }], Now.AddHours(-1));
    }

    [Fact]
    public async Task NetWorth_ConvertsWithTheLatestRates_AndNamesWhatItCouldNotValue()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await SeedAsync(h.Store);

        var report = await h.Store.GetNetWorthAsync();

        // By hand: 1000.50 + 100 × 7.1234 (712.34) + 10 ÷ 0.128 (78.125 → 78.13) + 100 × 0.128 × 7.1234 (91.17952 → 91.18) + 2345.67.
        Assert.Equal("CNY", report.Currency);
        Assert.Equal(4227.82m, report.Total);
        Assert.Equal([("fund", 2345.67m), ("hk", 91.18m), ("wise", 1790.97m)], report.BySource.Select(s => (s.Key, s.Amount)));
        Assert.Equal([("cash", 1882.15m), ("fund", 2345.67m)], report.ByAssetClass.Select(s => (s.Key, s.Amount)));
        Assert.Equal(2, report.Unvalued.Count);
        Assert.Contains(report.Unvalued, u => u is { Source: "wise", Item: "balance CHF", Currency: "CHF", Amount: 50m, Reason: "no exchange rate from CHF to CNY" });
        Assert.Contains(report.Unvalued, u => u is { Source: "fund", Item: "position 000002 (long)", Amount: null, Reason: "no market value" });
        Assert.DoesNotContain(report.Unvalued, u => u.Source == "okx");
        Assert.Equal(["CNY/EUR", "HKD/USD", "USD/CNY"], report.RatesUsed.Select(r => $"{r.Base}/{r.Quote}"));
        Assert.Equal(7.1234m, report.RatesUsed.Single(r => r.Base == "USD").Rate);
        Assert.Equal(Now.AddHours(-1), report.AsOf);
    }

    [Fact]
    public async Task NetWorth_InAnotherCurrency_KeepsAmountsOfThatCurrencyExact()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.UpsertExchangeRatesAsync([new("USD", "CNY", 7.1234m, Now, "wise")]);
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("USD", 0.001m), new("CNY", 712.34m)], [], Now);

        var report = await h.Store.GetNetWorthAsync("usd");

        // 0.001 USD stays exact; 712.34 CNY ÷ 7.1234 = 100.00
        Assert.Equal("USD", report.Currency);
        Assert.Equal(100.001m, report.Total);
    }

    [Fact]
    public async Task History_CarriesAccountsForwardAndUsesTheRatesOfEachDay()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var dayA = new DateTimeOffset(2025, 6, 8, 4, 0, 0, TimeSpan.Zero);   // 12:00 Shanghai
        await h.Store.UpsertExchangeRatesAsync(
        [
            new("USD", "CNY", 7.0m, new DateTimeOffset(2025, 6, 7, 12, 0, 0, TimeSpan.Zero), "wise"),
            new("USD", "CNY", 7.2m, new DateTimeOffset(2025, 6, 10, 1, 0, 0, TimeSpan.Zero), "wise"),  // 09:00 Shanghai on the 10th
        ]);
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 100m)], [], dayA);
        await h.Store.ReplaceAccountHoldingsAsync("okx", "main", [new("USD", 10m)], [], dayA.AddDays(1));
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 150m)], [], dayA.AddDays(2).AddHours(-2));

        var all = await h.Store.GetNetWorthHistoryAsync();
        var fromB = await h.Store.GetNetWorthHistoryAsync("CNY", new DateOnly(2025, 6, 9));

        // 06-08: 100; 06-09: 100 (carried) + 10 × 7.0; 06-10: 150 + 10 × 7.2.
        Assert.Equal([(new DateOnly(2025, 6, 8), 100m), (new DateOnly(2025, 6, 9), 170.00m), (new DateOnly(2025, 6, 10), 222.00m)],
            all.Select(p => (p.Date, p.Total)));
        Assert.Equal([170.00m, 222.00m], fromB.Select(p => p.Total));
        Assert.Equal([("okx", 70.00m), ("wise", 100m)], fromB[0].BySource.Select(s => (s.Key, s.Amount)));
    }

    [Fact]
    public async Task History_AnAccountSyncedEmpty_CountsZeroFromThatDay()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var day = new DateTimeOffset(2025, 6, 8, 4, 0, 0, TimeSpan.Zero);
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 100m)], [], day);
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [], [], day.AddDays(1));

        var history = await h.Store.GetNetWorthHistoryAsync();

        Assert.Equal([100m, 0m], history.Select(p => p.Total));
    }
}
