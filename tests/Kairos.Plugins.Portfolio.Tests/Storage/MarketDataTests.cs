using Kairos.Plugins.Portfolio.Tests.Support;

namespace Kairos.Plugins.Portfolio.Tests.Storage;

public sealed class MarketDataTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LatestExchangeRates_AreTheNewestPerPair()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var written = await h.Store.UpsertExchangeRatesAsync(
        [
            new("usd", "cny", 7.10m, T0, "wise"),
            new("USD", "CNY", 7.1234m, T0.AddDays(1), "wise"),
            new("EUR", "CNY", 7.9m, T0, "wise"),
            new("USD", "CNY", 7.1234m, T0.AddDays(1), "wise"), // the same key again: an update, not a new row
        ]);

        var latest = await h.Store.GetLatestExchangeRatesAsync();
        var usd = await h.Store.GetLatestExchangeRatesAsync("usd", "CNY");

        Assert.Equal(4, written);
        Assert.Equal(3L, (await h.QueryAsync("SELECT COUNT(*) FROM portfolio_exchange_rates"))[0][0]);
        Assert.Equal(["EUR/CNY", "USD/CNY"], latest.Select(r => $"{r.Base}/{r.Quote}"));
        Assert.Equal(7.1234m, Assert.Single(usd).Rate);
    }

    [Fact]
    public async Task NonPositiveRate_IsRefused()
    {
        await using var h = await PortfolioHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Store.UpsertExchangeRatesAsync([new("USD", "CNY", 0m, T0, "wise")]));
    }

    [Fact]
    public async Task PricesAndCandles_RoundTripExactly()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.UpsertPricesAsync([new("okx", "BTC-USDT", 67000.1m, "USDT", T0), new("okx", "BTC-USDT", 67100.123456789m, "USDT", T0.AddMinutes(1))]);
        await h.Store.UpsertCandlesAsync(
        [
            new("okx", "BTC-USDT", "1H", T0, 1m, 2m, 0.5m, 1.5m) { Volume = 10.000001m },
            new("okx", "BTC-USDT", "1H", T0.AddHours(1), 1.5m, 2m, 1m, 1.75m),
        ]);

        var price = await h.Store.GetLatestPriceAsync("okx", "BTC-USDT");
        var candles = await h.Store.GetCandlesAsync("okx", "BTC-USDT", "1H", since: T0.AddHours(1));

        Assert.Equal(67100.123456789m, price!.Price);
        var candle = Assert.Single(candles);
        Assert.Equal(1.75m, candle.Close);
        Assert.Null(candle.Volume);
    }
}
