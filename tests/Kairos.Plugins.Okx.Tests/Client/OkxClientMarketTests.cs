using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Client.Models;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxClientMarketTests
{
    [Fact]
    public async Task GetTickerAsync_reads_one_public_ticker_unsigned()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/market/ticker", "success");

        var ticker = await okx.Client.GetTickerAsync("BTC-USDT");

        Assert.Equal(("BTC-USDT", "SPOT"), (ticker.InstrumentId, ticker.InstrumentType));
        Assert.Equal(67910.1m, ticker.Last);
        Assert.Equal(67910.2m, ticker.AskPrice);
        Assert.Equal(67910.1m, ticker.BidPrice);
        Assert.Equal(612553402.56201283m, ticker.VolumeCurrency24h);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717401600789), ticker.Time);
        var request = Assert.Single(okx.Server.Requests);
        Assert.Null(request.Header("OK-ACCESS-SIGN"));
        Assert.Null(request.Header("OK-ACCESS-KEY"));
    }

    [Fact]
    public async Task GetTickersAsync_reads_every_instrument_of_a_type()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/market/tickers", "success");

        var tickers = await okx.Client.GetTickersAsync("SPOT");

        Assert.Equal(["BTC-USDT", "ETH-USDT"], tickers.Select(t => t.InstrumentId));
        Assert.Equal(3771.44m, tickers[1].Last);
    }

    [Fact]
    public async Task GetTickerAsync_of_an_unknown_instrument_is_a_clear_not_found()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/market/ticker", "error: unknown instrument");

        var error = await Assert.ThrowsAsync<OkxInstrumentNotFoundException>(() => okx.Client.GetTickerAsync("FOO-USDT"));

        Assert.Equal("FOO-USDT", error.InstrumentId);
        Assert.Equal("51001", error.Code);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("NotFound", error.ErrorType);
        Assert.Contains("FOO-USDT", error.Message, StringComparison.Ordinal);
        Assert.Single(okx.Server.Requests);
    }

    [Fact]
    public async Task GetCandlesAsync_pages_from_candles_to_history_candles_with_after()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load(f => f.Sequence.Any(s => s.StartsWith("candles:", StringComparison.Ordinal)));

        var candles = await okx.Client.GetCandlesAsync(new OkxCandleQuery { InstrumentId = "BTC-USDT", Bar = "1H", PageSize = 3, MaxCandles = 5 });

        Assert.Equal(
            [1717398000000, 1717394400000, 1717390800000, 1717387200000, 1717383600000],
            candles.Select(c => c.Time.ToUnixTimeMilliseconds()));
        Assert.False(candles[0].IsConfirmed);
        Assert.All(candles.Skip(1), c => Assert.True(c.IsConfirmed));
        Assert.Equal((67950.1m, 68012m, 67890.4m, 67910.1m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close));
        Assert.Equal(104.33812m, candles[0].Volume);
        Assert.Equal(10180321.77m, candles[4].VolumeQuote);
        Assert.Equal(
            ["/api/v5/market/candles?instId=BTC-USDT&bar=1H&limit=3", "/api/v5/market/history-candles?instId=BTC-USDT&bar=1H&after=1717390800000&limit=2"],
            okx.Server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task GetCandlesAsync_stops_at_an_empty_page_and_at_since()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Map("GET", "/api/v5/market/candles", 200, File.ReadAllText(Path.Combine(OkxHarness.FixturesFolder, "market-candles.json")));
        okx.Server.Map("GET", "/api/v5/market/history-candles", 200, """{"code":"0","msg":"","data":[]}""");

        var all = await okx.Client.GetCandlesAsync(new OkxCandleQuery { InstrumentId = "BTC-USDT", PageSize = 3, MaxCandles = 50 });
        Assert.Equal(3, all.Count);
        Assert.Equal(2, okx.Server.Requests.Count);

        okx.Server.Reset();
        okx.Server.Map("GET", "/api/v5/market/candles", 200, File.ReadAllText(Path.Combine(OkxHarness.FixturesFolder, "market-candles.json")));
        var recent = await okx.Client.GetCandlesAsync(new OkxCandleQuery
        {
            InstrumentId = "BTC-USDT",
            PageSize = 3,
            MaxCandles = 50,
            Since = DateTimeOffset.FromUnixTimeMilliseconds(1717394400000),
        });
        Assert.Equal([1717398000000, 1717394400000], recent.Select(c => c.Time.ToUnixTimeMilliseconds()));
        Assert.Single(okx.Server.Requests);
    }

    [Fact]
    public async Task GetServerTimeAsync_reads_the_public_time()
    {
        await using var okx = await OkxHarness.StartAsync(dynamicTime: false);
        okx.Load("/api/v5/public/time", "success");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717401600123), await okx.Client.GetServerTimeAsync());
    }
}
