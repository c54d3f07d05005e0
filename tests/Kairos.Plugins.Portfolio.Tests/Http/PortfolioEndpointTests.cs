using System.Net;
using System.Text.Json;
using Kairos.Plugins.Portfolio.Tests.Support;
using Kairos.Plugins.Portfolio.Tests.Valuation;

namespace Kairos.Plugins.Portfolio.Tests.Http;

public sealed class PortfolioEndpointTests
{
    private const string Base = "/api/v1/plugins/portfolio/";

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(new Uri(Base + path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Balances_AmountsAreJsonStringsWithEveryDigit()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("okx", "funding", [new("BTC", 0.000000000000000001m) { AssetClass = "crypto" }, new("USDT", 1234.5000m)], [], PortfolioHarness.Start);
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 1m)], [], PortfolioHarness.Start);
        var http = await h.Host.StartHttpAsync();

        var json = await GetJsonAsync(http, "balances?source=okx");

        var balances = json.GetProperty("balances");
        Assert.Equal(2, balances.GetArrayLength());
        var btc = balances[0];
        Assert.Equal(JsonValueKind.String, btc.GetProperty("total").ValueKind);
        Assert.Equal("0.000000000000000001", btc.GetProperty("total").GetString());
        Assert.Equal("crypto", btc.GetProperty("asset_class").GetString());
        Assert.Equal(JsonValueKind.Null, btc.GetProperty("available").ValueKind);
        Assert.Equal("1234.5000", balances[1].GetProperty("total").GetString());
    }

    [Fact]
    public async Task NetWorth_AnswersTotalBreakdownAndUnvaluedAsStrings()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await NetWorthTests.SeedAsync(h.Store);
        var http = await h.Host.StartHttpAsync();

        var json = await GetJsonAsync(http, "net-worth?currency=CNY");
        var byDefault = await GetJsonAsync(http, "net-worth");

        Assert.Equal("4227.82", json.GetProperty("total").GetString());
        Assert.Equal("CNY", byDefault.GetProperty("currency").GetString());
        Assert.Equal("2345.67", json.GetProperty("by_source").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "fund").GetProperty("amount").GetString());
        Assert.Equal("1882.15", json.GetProperty("by_asset_class").EnumerateArray().Single(s => s.GetProperty("asset_class").GetString() == "cash").GetProperty("amount").GetString());
        var chf = json.GetProperty("unvalued").EnumerateArray().Single(u => u.GetProperty("currency").GetString() == "CHF");
        Assert.Equal("50", chf.GetProperty("amount").GetString());
        Assert.Equal("no exchange rate from CHF to CNY", chf.GetProperty("reason").GetString());
        Assert.Equal("7.1234", json.GetProperty("rates_used").EnumerateArray().Single(r => r.GetProperty("base").GetString() == "USD").GetProperty("rate").GetString());
    }

    [Fact]
    public async Task NetWorth_BadCurrency_IsAValidationProblemNamingTheParameter()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var http = await h.Host.StartHttpAsync();

        using var response = await http.GetAsync(new Uri(Base + "net-worth?currency=%24%24", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("currency code", json.GetProperty("errors").GetProperty("currency")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transactions_PageWithCursorAndFilterByDay()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var t0 = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);
        await h.Store.UpsertTransactionsAsync(Enumerable.Range(0, 5)
            .Select(i => new PortfolioTransaction("wise", $"t{i}", "p1", t0.AddDays(i), TransactionKinds.Deposit, 10.10m + i, "CNY")).ToList());
        var http = await h.Host.StartHttpAsync();

        var first = await GetJsonAsync(http, "transactions?limit=3");
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await GetJsonAsync(http, $"transactions?limit=3&cursor={Uri.EscapeDataString(cursor!)}");
        var days = await GetJsonAsync(http, "transactions?source=wise&since=2025-06-02&until=2025-06-03");
        var bad = await GetJsonAsync(http, "transactions?since=yesterday&limit=0", HttpStatusCode.BadRequest);

        Assert.Equal(["t4", "t3", "t2"], first.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("external_id").GetString()));
        Assert.Equal(["t1", "t0"], second.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("external_id").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal("14.10", first.GetProperty("transactions")[0].GetProperty("amount").GetString());
        Assert.Equal(["t1", "t2"], days.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("external_id").GetString()).Order());
        Assert.True(bad.GetProperty("errors").TryGetProperty("since", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task AccountsPositionsFxRatesAndHistory_Answer()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await NetWorthTests.SeedAsync(h.Store);
        var http = await h.Host.StartHttpAsync();

        var accounts = await GetJsonAsync(http, "accounts");
        var positions = await GetJsonAsync(http, "positions?source=okx");
        var rates = await GetJsonAsync(http, "fx-rates?base=usd&quote=CNY");
        var history = await GetJsonAsync(http, "net-worth/history?currency=CNY&since=2025-06-01");

        Assert.Equal(4, accounts.GetProperty("accounts").GetArrayLength());
        var swap = Assert.Single(positions.GetProperty("positions").EnumerateArray());
        Assert.Equal("long", swap.GetProperty("side").GetString());
        Assert.False(swap.GetProperty("counts_in_net_worth").GetBoolean());
        Assert.Equal("5000", swap.GetProperty("market_value").GetString());
        Assert.Equal("7.1234", Assert.Single(rates.GetProperty("rates").EnumerateArray()).GetProperty("rate").GetString());
        var point = Assert.Single(history.GetProperty("points").EnumerateArray());
        Assert.Equal("2025-06-10", point.GetProperty("date").GetString());
        Assert.Equal("4227.82", point.GetProperty("total").GetString());
    }
}
