using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Plugins.Fund.Navs;
using Kairos.Plugins.Fund.Tests.Support;

namespace Kairos.Plugins.Fund.Tests.Http;

public sealed class FundEndpointTests
{
    private static readonly DateTimeOffset Now = FundHarness.Beijing(2025, 6, 12, 15, 30);

    private static async Task<(HttpStatusCode Status, JsonElement Json, string? MediaType)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri("/api/v1/plugins/fund/" + path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Funds_AddListShowNavEstimateAndHolding_Delete()
    {
        await using var h = await FundHarness.StartAsync(Now);
        h.Source.Nav("000001", "2025-06-11", "1.1200", "3.6200").Estimate("000001", "华夏成长混合", "2025-06-11", "1.1200", "1.1252", "0.46", "2025-06-12 15:00");
        var http = await h.Host.StartHttpAsync();

        var created = await SendAsync(http, HttpMethod.Post, "funds", """{"code":"000001"}""");
        var again = await SendAsync(http, HttpMethod.Post, "funds", """{"code":"000001","kind":"standard"}""");
        await SendAsync(http, HttpMethod.Post, "transactions", """{"fund_code":"000001","kind":"buy","trade_date":"2025-06-11","shares":"100.00","amount":112.5}""");
        await h.RunAsync(NavUpdateTask.Id);
        var list = await SendAsync(http, HttpMethod.Get, "funds");
        var deleted = await SendAsync(http, HttpMethod.Delete, "funds/000001");
        var deletedAgain = await SendAsync(http, HttpMethod.Delete, "funds/000001");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("standard", created.Json.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        var fund = Assert.Single(list.Json.GetProperty("funds").EnumerateArray());
        Assert.Equal("华夏成长混合", fund.GetProperty("name").GetString());
        Assert.Equal("1.1200", fund.GetProperty("latest_nav").GetProperty("unit_nav").GetString());
        Assert.Equal("2025-06-11", fund.GetProperty("latest_nav").GetProperty("date").GetString());
        Assert.Equal("1.1252", fund.GetProperty("estimate").GetProperty("estimated_nav").GetString());
        Assert.Equal(JsonValueKind.Null, fund.GetProperty("latest_yield").ValueKind);
        var holding = fund.GetProperty("holding");
        Assert.Equal("100.00", holding.GetProperty("shares").GetString());
        Assert.Equal("112.00", holding.GetProperty("market_value").GetString()); // 100.00 × 1.1200
        Assert.Equal("-0.50", holding.GetProperty("unrealised_pnl").GetString());
        Assert.Equal("1.1250", holding.GetProperty("average_cost").GetString()); // 112.5 / 100.00, four decimals
        Assert.Equal("0.00", holding.GetProperty("realised_pnl").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.Status);
    }

    [Fact]
    public async Task Funds_BadCodeAndKind_AreValidationProblemsKeyedByField()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var http = await h.Host.StartHttpAsync();

        var bad = await SendAsync(http, HttpMethod.Post, "funds", """{"code":"00001","kind":"bond","colour":"red"}""");
        var missing = await SendAsync(http, HttpMethod.Post, "funds", "{}");
        var notJson = await SendAsync(http, HttpMethod.Post, "funds", "{code");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("application/problem+json", bad.MediaType);
        var errors = bad.Json.GetProperty("errors");
        Assert.Contains("6 digits", errors.GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("standard or money_market", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("colour", out _));
        Assert.Contains("required", missing.Json.GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
        Assert.True(notJson.Json.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task MoneyMarketFund_IsListedWithItsYieldAndUnitValue()
    {
        await using var h = await FundHarness.StartAsync(Now);
        h.Source.Nav("000009", "2025-06-11", "0.4498", "1.6290");
        var http = await h.Host.StartHttpAsync();

        await SendAsync(http, HttpMethod.Post, "funds", """{"code":"000009","kind":"money_market"}""");
        await h.RunAsync(NavUpdateTask.Id);
        var fund = await SendAsync(http, HttpMethod.Get, "funds/000009");

        Assert.Equal("money_market", fund.Json.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, fund.Json.GetProperty("latest_nav").ValueKind);
        var y = fund.Json.GetProperty("latest_yield");
        Assert.Equal("0.4498", y.GetProperty("income_per_10k").GetString());
        Assert.Equal("1.6290", y.GetProperty("seven_day_yield_percent").GetString());
        Assert.Equal("1.00", y.GetProperty("unit_value").GetString());
    }

    [Fact]
    public async Task DcaPlans_AcceptStringsOrNumbers_AndAnswerStrings()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var http = await h.Host.StartHttpAsync();

        var monthly = await SendAsync(http, HttpMethod.Post, "dca-plans",
            """{"fund_code":"000001","amount":"1000.00","frequency":"monthly","day_of_month":"last","fee_rate":0.0015,"start_date":"2025-06-01"}""");
        var weekly = await SendAsync(http, HttpMethod.Post, "dca-plans",
            """{"fund_code":"110022","amount":500,"frequency":"weekly","weekday":2,"fee_rate":"0.0012","end_date":"2025-12-31","active":true}""");
        var list = await SendAsync(http, HttpMethod.Get, "dca-plans");
        var funds = await SendAsync(http, HttpMethod.Get, "funds");

        Assert.Equal(HttpStatusCode.Created, monthly.Status);
        Assert.Equal("1000.00", monthly.Json.GetProperty("amount").GetString());
        Assert.Equal("0.0015", monthly.Json.GetProperty("fee_rate").GetString());
        Assert.Equal("last", monthly.Json.GetProperty("day_of_month").GetString());
        Assert.Equal("2025-06-30", monthly.Json.GetProperty("next_due_date").GetString());
        Assert.Equal("500", weekly.Json.GetProperty("amount").GetString());
        Assert.Equal(2, weekly.Json.GetProperty("weekday").GetInt32());
        Assert.Equal("2025-06-12", weekly.Json.GetProperty("start_date").GetString()); // defaults to today in Beijing
        Assert.Equal("2025-06-18", weekly.Json.GetProperty("next_due_date").GetString()); // today is a Thursday: next Wednesday
        Assert.Equal(2, list.Json.GetProperty("plans").GetArrayLength());
        Assert.Equal(["000001", "110022"], funds.Json.GetProperty("funds").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task DcaPlans_InvalidFields_AreReportedEachUnderItsName()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var http = await h.Host.StartHttpAsync();

        var bad = await SendAsync(http, HttpMethod.Post, "dca-plans",
            """{"fund_code":"1","amount":"abc","frequency":"weekly","day_of_month":31,"fee_rate":"0.5","start_date":"2025-06-10","end_date":"2025-06-01","extra":1}""");
        var monthly = await SendAsync(http, HttpMethod.Post, "dca-plans", """{"fund_code":"000001","amount":"100.001","frequency":"monthly"}""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var errors = bad.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["amount", "day_of_month", "end_date", "extra", "fee_rate", "fund_code", "weekday"], errors);
        var monthlyErrors = monthly.Json.GetProperty("errors");
        Assert.Contains("2 decimals", monthlyErrors.GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("required", monthlyErrors.GetProperty("day_of_month")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DcaPlans_PatchChangesAndClears_DeleteRemoves()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var http = await h.Host.StartHttpAsync();
        var created = await SendAsync(http, HttpMethod.Post, "dca-plans",
            """{"fund_code":"000001","amount":"1000","frequency":"daily","end_date":"2025-12-31"}""");
        var id = created.Json.GetProperty("plan_id").GetString();

        var patched = await SendAsync(http, HttpMethod.Patch, $"dca-plans/{id}", """{"amount":1200.50,"end_date":null,"active":false}""");
        var wrong = await SendAsync(http, HttpMethod.Patch, $"dca-plans/{id}", """{"frequency":"weekly"}""");
        var fetched = await SendAsync(http, HttpMethod.Get, $"dca-plans/{id}");
        var deleted = await SendAsync(http, HttpMethod.Delete, $"dca-plans/{id}");
        var gone = await SendAsync(http, HttpMethod.Get, $"dca-plans/{id}");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("1200.50", patched.Json.GetProperty("amount").GetString());
        Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("end_date").ValueKind);
        Assert.False(patched.Json.GetProperty("active").GetBoolean());
        Assert.True(wrong.Json.GetProperty("errors").TryGetProperty("weekday", out _));
        Assert.Equal("daily", fetched.Json.GetProperty("frequency").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("application/problem+json", gone.MediaType);
    }

    [Fact]
    public async Task ManualTransactions_AreIdempotentByExternalId_AndCannotSellMoreThanHeld()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var http = await h.Host.StartHttpAsync();
        const string Buy = """{"fund_code":"000001","kind":"buy","trade_date":"2025-06-10","shares":"100.00","amount":"110.40","fee":"0.17","nav":"1.1023","external_id":"alipay-1"}""";

        var first = await SendAsync(http, HttpMethod.Post, "transactions", Buy);
        var again = await SendAsync(http, HttpMethod.Post, "transactions", Buy);
        var oversell = await SendAsync(http, HttpMethod.Post, "transactions", """{"fund_code":"000001","kind":"sell","trade_date":"2025-06-11","shares":100.01,"amount":"110"}""");
        var future = await SendAsync(http, HttpMethod.Post, "transactions", """{"fund_code":"000001","kind":"dca_buy","trade_date":"2025-06-13","shares":1,"amount":1}""");
        var ledger = await SendAsync(http, HttpMethod.Get, "transactions?fund_code=000001");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("110.23", first.Json.GetProperty("net_amount").GetString());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Json.GetProperty("transaction_id").GetString(), again.Json.GetProperty("transaction_id").GetString());
        Assert.Contains("more than the 100.00 units", oversell.Json.GetProperty("errors").GetProperty("shares")[0].GetString(), StringComparison.Ordinal);
        Assert.True(future.Json.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(future.Json.GetProperty("errors").TryGetProperty("trade_date", out _));
        Assert.Single(ledger.Json.GetProperty("transactions").EnumerateArray());
    }
}
