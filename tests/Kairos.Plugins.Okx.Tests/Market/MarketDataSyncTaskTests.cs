using System.Text.Json.Nodes;
using Kairos.Plugins.Okx.Balances;
using Kairos.Plugins.Okx.Market;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Okx.Tests.Market;

public sealed class MarketDataSyncTaskTests
{
    private const string Ticker = "/api/v5/market/ticker";
    private const string Candles = "/api/v5/market/candles";
    private const string History = "/api/v5/market/history-candles";

    private static readonly DateTimeOffset Newest = DateTimeOffset.FromUnixTimeMilliseconds(1717398000000);

    /// <summary>BTC-USDT from the recorded ticker and two recorded candle pages (3 + 2 rows).</summary>
    private static Task<OkxPluginHarness> StartWithBtcAsync(Action<Dictionary<string, string?>>? settings = null) =>
        StartAsync(h => h.Server.Load(f => f.Url.AbsolutePath is Ticker or Candles or History && f.Case.StartsWith("success", StringComparison.Ordinal)), settings);

    private static async Task<OkxPluginHarness> StartAsync(Action<OkxPluginHarness> serve, Action<Dictionary<string, string?>>? settings = null)
    {
        var h = await OkxPluginHarness.StartAsync(s =>
        {
            s["Instruments"] = "BTC-USDT";
            settings?.Invoke(s);
        });
        serve(h);
        return h;
    }

    /// <summary>Tickers for any instrument from the recorded tickers list; unknown ones answer 51001.</summary>
    private static void ServeTickers(OkxPluginHarness h) => h.Server.Server.Handle("GET", Ticker, async ctx =>
    {
        var all = JsonNode.Parse(FakeOkx.Fixture("market-tickers.json"))!["data"]!.AsArray();
        var ticker = all.FirstOrDefault(t => (string?)t!["instId"] == ctx.Request.Query["instId"].ToString());
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(ticker is null
            ? """{"code":"51001","data":[],"msg":"Instrument ID doesn't exist."}"""
            : new JsonObject { ["code"] = "0", ["msg"] = "", ["data"] = new JsonArray(ticker.DeepClone()) }.ToJsonString());
    });

    [Fact]
    public async Task ConfiguredInstrument_TickerBecomesAPriceAndARate_AndCandlesArePaged()
    {
        await using var h = await StartWithBtcAsync();

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 5, ["page_size"] = 3 });

        Assert.True(result.Succeeded, result.Error);
        var price = await h.Store.GetLatestPriceAsync("okx", "BTC-USDT");
        Assert.Equal((67910.1m, "USDT", DateTimeOffset.FromUnixTimeMilliseconds(1717401600789)), (price!.Price, price.Currency, price.Time));
        Assert.Equal(67910.1m, Assert.Single(await h.Store.GetLatestExchangeRatesAsync("BTC", "USDT")).Rate);
        var candles = await h.Store.GetCandlesAsync("okx", "BTC-USDT", "1H");
        Assert.Equal([1717383600000, 1717387200000, 1717390800000, 1717394400000, 1717398000000], candles.Select(c => c.OpenTime.ToUnixTimeMilliseconds()));
        var newest = candles[^1];
        Assert.Equal((67950.1m, 68012m, 67890.4m, 67910.1m, (decimal?)104.33812m), (newest.Open, newest.High, newest.Low, newest.Close, newest.Volume));
        // The documented pagination: the latest page from /candles, the older one from /history-candles after the oldest row.
        Assert.Equal("3", Assert.Single(h.RequestsTo(Candles)).QueryValue("limit"));
        var older = Assert.Single(h.RequestsTo(History));
        Assert.Equal(("1717390800000", "2"), (older.QueryValue("after"), older.QueryValue("limit")));
        Assert.Empty(h.Server.AcceptedSignatures); // public endpoints: nothing signed
        Assert.Empty(h.RequestsTo("/api/v5/public/time"));

        var data = Assert.Single(h.Events(MarketDataSyncTask.SyncedEvent)).Data!.Value;
        Assert.Equal("1H", data.GetProperty("bar").GetString());
        var instrument = Assert.Single(data.GetProperty("instruments").EnumerateArray());
        Assert.Equal(("BTC-USDT", 67910.1m, 67910.1m, 67910.2m, 5, false),
            (instrument.GetProperty("instrument_id").GetString(), instrument.GetProperty("last").GetDecimal(), instrument.GetProperty("bid").GetDecimal(),
             instrument.GetProperty("ask").GetDecimal(), instrument.GetProperty("candles").GetInt32(), instrument.GetProperty("incremental").GetBoolean()));
        Assert.Equal(Newest, instrument.GetProperty("last_candle").GetDateTimeOffset());
    }

    [Fact]
    public async Task NextSync_ContinuesFromTheNewestStoredCandle_RereadingIt_WithoutDuplicates()
    {
        await using var h = await StartWithBtcAsync();
        await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 5, ["page_size"] = 3 });
        h.Server.Server.Add(new FixtureEntry { Path = Candles, Body = FakeOkx.Fixture("market-candles.json") });

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 5, ["page_size"] = 3 });

        Assert.True(result.Succeeded, result.Error);
        var instrument = OkxPluginHarness.Data(result)["instruments"]![0]!;
        Assert.Equal((1, true), ((int)instrument["candles"]!, (bool)instrument["incremental"]!));
        var second = h.RequestsTo(Candles)[^1];
        Assert.Equal(("3", null), (second.QueryValue("limit"), second.QueryValue("after")));
        Assert.Single(h.RequestsTo(History)); // only the first sync went back in time
        Assert.Equal(5, (await h.Store.GetCandlesAsync("okx", "BTC-USDT", "1H")).Count);
        Assert.Equal(["BTC-USDT|1H|2024-06-03T07:00:00.0000000Z"], await h.RowsAsync("SELECT instrument_id, bar, last_open_time FROM okx_candle_state"));
        Assert.Equal(1, await CountAsync(h, "portfolio_prices"));
        Assert.Equal(1, await CountAsync(h, "portfolio_exchange_rates"));
    }

    [Fact]
    public async Task WithoutConfiguredInstruments_TheUsdtPairsOfHeldAssetsAreUsed_AndAnAssetWithoutAMarketIsSkipped()
    {
        await using var h = await StartAsync(h =>
        {
            h.Serve("/api/v5/account/balance", "account-balance.json");
            h.Server.Server.Add(h.Server.SignedBody("/api/v5/asset/balances",
                """{"code":"0","msg":"","data":[{"ccy":"ETH","bal":"0.02","availBal":"0.02","frozenBal":"0"},{"ccy":"FOO","bal":"9","availBal":"9","frozenBal":"0"}]}"""));
            ServeTickers(h);
        }, s => s["Instruments"] = null);
        Assert.True((await h.RunAsync(BalanceSyncTask.Id)).Result.Succeeded);

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 0 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["BTC-USDT", "ETH-USDT", "FOO-USDT"], h.RequestsTo(Ticker).Select(r => r.QueryValue("instId")));
        Assert.Equal(3771.44m, (await h.Store.GetLatestPriceAsync("okx", "ETH-USDT"))!.Price);
        Assert.Equal("FOO-USDT", (string?)OkxPluginHarness.Data(result)["skipped"]![0]!["item"]);
        Assert.Empty(h.RequestsTo(Candles));
    }

    [Fact]
    public async Task NothingConfiguredAndNothingHeld_FailsWithAConfigurationError()
    {
        await using var h = await StartAsync(_ => { }, s => s["Instruments"] = null);

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id);

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("Plugins:okx:Instruments", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Server.Requests);
    }

    [Fact]
    public async Task UnknownConfiguredInstrument_FailsNamingIt_AndTheOthersAreStored()
    {
        await using var h = await StartAsync(ServeTickers, s => s["Instruments"] = "FOO-USDT,ETH-USDT");

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 0 });

        Assert.False(result.Succeeded);
        Assert.Equal("NotFound", result.ErrorType);
        Assert.Contains("FOO-USDT", result.Error, StringComparison.Ordinal);
        Assert.NotNull(await h.Store.GetLatestPriceAsync("okx", "ETH-USDT"));
        Assert.Single(h.Events(MarketDataSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task JobInstruments_OverrideTheSetting_AndNeedNoCredentials()
    {
        await using var h = await StartAsync(ServeTickers, s =>
        {
            s["ApiKey"] = null;
            s["SecretKey"] = null;
            s["Passphrase"] = null;
        });

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["instruments"] = new JsonArray("eth-usdt"), ["candles"] = 0 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["ETH-USDT"], h.RequestsTo(Ticker).Select(r => r.QueryValue("instId")));
        Assert.All(h.Server.Server.Requests, r => Assert.Null(r.Header("OK-ACCESS-KEY")));
    }

    [Fact]
    public async Task RateLimitedTicker_BacksOff_ThenSyncs()
    {
        await using var h = await StartAsync(h => h.Server.Server.AddSequence(
            new FixtureEntry { Path = Ticker, Body = """{"code":"50011","data":[],"msg":"Rate limit reached."}"""u8.ToArray() },
            new FixtureEntry { Path = Ticker, Body = FakeOkx.Fixture("market-ticker.json") }));

        var (result, _) = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 0 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([TimeSpan.FromSeconds(2)], h.Clock.Waits);
        Assert.NotNull(await h.Store.GetLatestPriceAsync("okx", "BTC-USDT"));
    }

    [Theory]
    [InlineData("{\"bar\": \"7m\"}")]
    [InlineData("{\"candles\": 5000}")]
    [InlineData("{\"page_size\": 0}")]
    [InlineData("{\"instruments\": [\"BTC/USDT\"]}")]
    [InlineData("{\"instruments\": [1, 2]}")]
    public async Task BadConfig_FailsBeforeAnyRequest(string config)
    {
        await using var h = await StartWithBtcAsync();

        var (result, _) = await h.Okx.RunAsync(MarketDataSyncTask.Id, JsonNode.Parse(config)!.AsObject(), validate: false);

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Empty(h.Server.Server.Requests);
    }

    private static async Task<int> CountAsync(OkxPluginHarness h, string table) => (await h.RowsAsync($"SELECT COUNT(*) FROM {table}")).Select(int.Parse).Single();
}
