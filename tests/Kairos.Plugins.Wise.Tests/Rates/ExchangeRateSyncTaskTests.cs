using System.Globalization;
using System.Text.Json.Nodes;
using Kairos.Plugins.Wise.Balances;
using Kairos.Plugins.Wise.Rates;
using Kairos.Plugins.Wise.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Wise.Tests.Rates;

public sealed class ExchangeRateSyncTaskTests
{
    private const string Rates = "/v1/rates";

    /// <summary>Answers any pair with a made-up rate (1.5 for X→CNY, its inverse rounded otherwise), at a fixed time.</summary>
    private static void ServeAnyPair(WisePluginHarness h) => h.Server.Handle("GET", Rates, ctx =>
    {
        var (source, target) = (ctx.Request.Query["source"].ToString(), ctx.Request.Query["target"].ToString());
        var rate = target == "CNY" ? "7.5" : "0.1333";
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync($$"""[{"rate": {{rate}}, "source": "{{source}}", "target": "{{target}}", "time": "2024-06-03T08:00:00+0000"}]""");
    });

    private static string[] AskedPairs(WisePluginHarness h) =>
        [.. h.Server.RequestsTo(Rates).Select(r => $"{r.QueryValue("source")}/{r.QueryValue("target")}")];

    [Fact]
    public async Task ConfiguredPair_TheCurrentRateIsRecordedExactly_AndTheEventIsPublished()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD");
        h.Load(f => f.Case == "success (current rate)");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var rate = Assert.Single(await h.Store.GetLatestExchangeRatesAsync("EUR", "USD"));
        Assert.Equal((1.0842m, "wise", new DateTimeOffset(2024, 6, 3, 8, 0, 12, TimeSpan.Zero)), (rate.Rate, rate.Source, rate.Time));
        Assert.Equal(["1.0842"], await h.RowsAsync("SELECT rate FROM portfolio_exchange_rates"));
        Assert.Empty(h.Server.RequestsTo("/v4/profiles/30000001/balances"));
        var data = Assert.Single(h.Events(ExchangeRateSyncTask.SyncedEvent)).Data!.Value;
        var synced = Assert.Single(data.GetProperty("rates").EnumerateArray());
        Assert.Equal(("EUR", "USD", 1.0842m), (synced.GetProperty("base").GetString(), synced.GetProperty("quote").GetString(), synced.GetProperty("rate").GetDecimal()));
        Assert.Equal("CNY", data.GetProperty("base_currency").GetString());
        Assert.Equal(0, data.GetProperty("history_points").GetInt32());
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task HistoryDays_AlsoRecordsTheDailyRates()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD", now: new DateTimeOffset(2024, 5, 31, 12, 0, 0, TimeSpan.Zero));
        h.Load(f => f.Url.AbsolutePath == Rates && f.Case.StartsWith("success", StringComparison.Ordinal));

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id, new JsonObject { ["history_days"] = 2 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, (int)WisePluginHarness.Data(result)["history_points"]!);
        Assert.Equal(
            ["2024-05-29T00:00:00|1.0801", "2024-05-30T00:00:00|1.0822", "2024-05-31T00:00:00|1.0853", "2024-06-03T08:00:12|1.0842"],
            (await h.RowsAsync("SELECT rate_time, rate FROM portfolio_exchange_rates ORDER BY rate_time")).Select(r => r[..19] + r[r.IndexOf('|', StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task DefaultPairs_AreTheSyncedBalanceCurrenciesAgainstTheBaseCurrency_BothWays()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath == "/v4/profiles/30000001/balances");
        Assert.True((await h.RunAsync(BalanceSyncTask.Id)).Result.Succeeded);
        ServeAnyPair(h);

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["EUR/CNY", "CNY/EUR", "USD/CNY", "CNY/USD"], AskedPairs(h));
        Assert.Single(h.Server.RequestsTo("/v4/profiles/30000001/balances")); // from the portfolio, not asked again
        Assert.Equal(7.5m, Assert.Single(await h.Store.GetLatestExchangeRatesAsync("USD", "CNY")).Rate);
        Assert.Equal(4, await h.CountAsync("portfolio_exchange_rates", "source = 'wise'"));
    }

    [Fact]
    public async Task DefaultPairs_BeforeTheFirstBalanceSync_AreReadFromWise()
    {
        await using var h = await WisePluginHarness.StartAsync();
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath is "/v2/profiles" or "/v4/profiles/30000001/balances");
        h.Server.Map("GET", "/v4/profiles/30000002/balances", 200, """[{"id": 1, "currency": "CNY", "type": "STANDARD", "amount": {"value": 1, "currency": "CNY"}}]""");
        ServeAnyPair(h);

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["EUR/CNY", "CNY/EUR", "USD/CNY", "CNY/USD"], AskedPairs(h));
        Assert.Empty(await h.Store.GetBalancesAsync("wise")); // reading currencies is not a balance sync
    }

    [Fact]
    public async Task SecondIdenticalSync_ChangesNothing()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD");
        h.Load(f => f.Case == "success (current rate)");
        await h.RunAsync(ExchangeRateSyncTask.Id);
        var before = await h.RowsAsync("SELECT * FROM portfolio_exchange_rates");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(before, await h.RowsAsync("SELECT * FROM portfolio_exchange_rates"));
    }

    [Fact]
    public async Task RejectedPair_IsNamed_AndTheOtherPairsAreStillRecorded()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/XXX, EUR/USD");
        h.Load(f => f.Url.AbsolutePath == Rates && f.Case is "success (current rate)" or "error: invalid parameters");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("RequestRejected", result.ErrorType);
        Assert.Contains("EUR/XXX", result.Error, StringComparison.Ordinal);
        Assert.Contains("Invalid parameters", result.Error, StringComparison.Ordinal);
        Assert.Single(await h.Store.GetLatestExchangeRatesAsync("EUR", "USD"));
        Assert.Single(h.Events(ExchangeRateSyncTask.SyncedEvent));
        Assert.Equal(2, AskedPairs(h).Length); // 400 is not retried
    }

    [Fact]
    public async Task NoRateForAPair_IsReported_NotAFailure()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD");
        h.Server.Map("GET", Rates, 200, "[]");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("EUR/USD", (string?)WisePluginHarness.Data(result)["no_rate"]![0]);
        Assert.Empty(h.Events(ExchangeRateSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task RevokedToken_StopsTheRunAtTheFirstPair()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD, USD/EUR");
        h.Server.Map("GET", Rates, 401, """{"error":"invalid_token","error_description":"Invalid token"}""");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Single(h.Server.RequestsTo(Rates));
        Assert.Equal(0, await h.CountAsync("portfolio_exchange_rates"));
    }

    [Fact]
    public async Task MalformedRates_FailWithAParseErrorNamingTheEndpoint()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD");
        h.Server.Map("GET", Rates, 200, """[{"rate": "fast", "source": "EUR"}]""");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.Equal("ParseError", result.ErrorType);
        Assert.Contains("GET /v1/rates", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("portfolio_exchange_rates"));
    }

    [Fact]
    public async Task HistoryDaysOutOfRange_FailsBeforeAnyRequest()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD");

        var (result, _) = await h.RunAsync(ExchangeRateSyncTask.Id, new JsonObject { ["history_days"] = 400 });

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains(400.ToString(CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }
}
