using System.Text;
using Kairos.Plugins.Ibkr.Tests.Support;
using Kairos.Plugins.Portfolio;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Ibkr.Tests.Sync;

public sealed class GatewaySyncTests
{
    private const string Account = "U9876543";
    private const string Api = IbkrPluginHarness.GatewayPath;

    private static readonly string Page1 = """
        [{"acctId":"U9876543","conid":8314,"contractDesc":"IBM","ticker":"IBM","assetClass":"STK","currency":"USD","position":-5.5,
          "mktPrice":168.1,"mktValue":-924.55,"avgCost":170,"unrealizedPnl":10.45,"multiplier":0.0,"strike":"185","putOrCall":null}]
        """;

    /// <summary>A ready session, the account, its summary and ledger, tickle, positions page 0 (two) and page 1 (empty).</summary>
    private static void Ready(FixtureServer server) =>
        IbkrHarness.LoadGateway(server, "success (brokerage session ready)", "success", "success, page 0", "success, page 1 (end of list)");

    [Fact]
    public async Task Balance_sync_checks_the_session_first_then_writes_the_account_its_cash_and_rates()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);

        var (result, _) = await h.RunOkAsync("ibkr_balance_sync");

        Assert.Equal(
            [("POST", $"{Api}/iserver/auth/status"), ("GET", $"{Api}/portfolio/accounts"), ("GET", $"{Api}/portfolio/{Account}/summary"), ("GET", $"{Api}/portfolio/{Account}/ledger")],
            h.Server.Requests.Select(r => (r.Method, r.Path)));
        var account = Assert.Single(await h.Store.GetAccountsAsync("ibkr"));
        Assert.Equal((Account, "Alex Sample", "USD", "brokerage"), (account.AccountId, account.Name, account.Currency, account.Kind));
        var balances = await h.BalancesAsync();
        Assert.Equal([("EUR", 1500.0m), ("USD", 18760.55m)], balances.Select(b => (b.Asset, b.Total)));
        Assert.All(balances, b => Assert.Equal("cash", b.AssetClass));
        Assert.Empty(await h.PositionsAsync());
        var rate = Assert.Single(await h.Store.GetLatestExchangeRatesAsync("EUR", "USD"));
        Assert.Equal((1.0842m, "ibkr", DateTimeOffset.FromUnixTimeSeconds(1717401600)), (rate.Rate, rate.Source, rate.Time));

        var evt = Assert.Single(h.Events("ibkr.balances.synced"));
        Assert.Equal("ibkr", evt.Source);
        var data = evt.Data!.Value;
        Assert.Equal("gateway", data.GetProperty("mode").GetString());
        Assert.Equal(1, data.GetProperty("exchange_rates").GetInt32());
        var synced = Assert.Single(data.GetProperty("accounts").EnumerateArray());
        Assert.Equal((Account, "USD", 57198.45m, 20386.85m), (synced.GetProperty("account_id").GetString(), synced.GetProperty("currency").GetString(),
            synced.GetProperty("net_liquidation").GetDecimal(), synced.GetProperty("total_cash").GetDecimal()));
        Assert.Equal([("EUR", 1500.0m, 1500.0m), ("USD", 18760.55m, 18760.55m)], synced.GetProperty("balances").EnumerateArray()
            .Select(b => (b.GetProperty("currency").GetString(), b.GetProperty("total").GetDecimal(), b.GetProperty("settled").GetDecimal())));
        Assert.Equal((true, 2, 0, 0, 0), (synced.GetProperty("applied").GetBoolean(), synced.GetProperty("added").GetInt32(),
            synced.GetProperty("updated").GetInt32(), synced.GetProperty("removed").GetInt32(), synced.GetProperty("unchanged").GetInt32()));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()), result.Data), "the result is the event's data");
        Assert.Empty(h.Events("ibkr.positions.synced"));
    }

    [Fact]
    public async Task Position_sync_reads_every_page_until_an_empty_one()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server =>
        {
            IbkrHarness.LoadGateway(server, "success (brokerage session ready)", "success", "success, page 0");
            server.Map("GET", $"{Api}/portfolio/{Account}/positions/1", 200, Page1);
            server.Map("GET", $"{Api}/portfolio/{Account}/positions/2", 200, "[]");
        });

        var (result, _) = await h.RunOkAsync("ibkr_position_sync");

        Assert.Equal(
            [$"{Api}/iserver/auth/status", $"{Api}/portfolio/accounts", $"{Api}/portfolio/{Account}/positions/0", $"{Api}/portfolio/{Account}/positions/1", $"{Api}/portfolio/{Account}/positions/2"],
            h.Server.Requests.Select(r => r.Path));
        var positions = await h.PositionsAsync();
        Assert.Equal(["265598", "756733", "8314"], positions.Select(p => p.InstrumentId));
        var aapl = positions[0];
        Assert.Equal(("stock", PositionSide.Long, "APPLE INC", 120.0m, 178.42m, 191.28m, 22953.6m, "USD", 1543.2m, true),
            (aapl.InstrumentKind, aapl.Side, aapl.Name, aapl.Quantity, aapl.AverageCost, aapl.Price, aapl.MarketValue, aapl.Currency, aapl.UnrealisedPnl, aapl.CountsInNetWorth));
        var ibm = positions[2];
        Assert.Equal((PositionSide.Short, 5.5m, -924.55m, 170m, "IBM"), (ibm.Side, ibm.Quantity, ibm.MarketValue, ibm.AverageCost, ibm.Name));
        Assert.Empty(await h.BalancesAsync());

        var data = Assert.Single(h.Events("ibkr.positions.synced")).Data!.Value;
        Assert.Equal("gateway", data.GetProperty("mode").GetString());
        var synced = Assert.Single(data.GetProperty("accounts").EnumerateArray());
        Assert.Equal((Account, 3, 3), (synced.GetProperty("account_id").GetString(), synced.GetProperty("positions").GetInt32(), synced.GetProperty("added").GetInt32()));
        var value = Assert.Single(synced.GetProperty("market_value").EnumerateArray());
        Assert.Equal(("USD", 22953.6m + 13858.0m - 924.55m), (value.GetProperty("currency").GetString(), value.GetProperty("amount").GetDecimal()));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()), result.Data), "the result is the event's data");
        Assert.Empty(h.Events("ibkr.balances.synced"));
    }

    [Fact]
    public async Task A_balance_sync_keeps_the_positions_and_a_position_sync_keeps_the_balances()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);

        await h.RunOkAsync("ibkr_position_sync");
        await h.RunOkAsync("ibkr_balance_sync");
        Assert.Equal(2, (await h.PositionsAsync()).Count);
        Assert.Equal(2, (await h.BalancesAsync()).Count);

        await h.RunOkAsync("ibkr_position_sync");
        Assert.Equal(["EUR", "USD"], (await h.BalancesAsync()).Select(b => b.Asset));
        Assert.Equal(["265598", "756733"], (await h.PositionsAsync()).Select(p => p.InstrumentId));
    }

    [Fact]
    public async Task A_second_identical_sync_changes_nothing()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);
        await h.RunOkAsync("ibkr_balance_sync");
        await h.RunOkAsync("ibkr_position_sync");
        var balances = await h.BalancesAsync();
        var positions = await h.PositionsAsync();
        h.Host.Time.Advance(TimeSpan.FromHours(1));

        var (balanceRun, _) = await h.RunOkAsync("ibkr_balance_sync");
        var (positionRun, _) = await h.RunOkAsync("ibkr_position_sync");

        Assert.Equal(balances, await h.BalancesAsync()); // values and as_of untouched
        Assert.Equal(positions, await h.PositionsAsync());
        Assert.Single(await h.Store.GetLatestExchangeRatesAsync());
        var balanceAccount = balanceRun.Data!["accounts"]![0]!;
        var positionAccount = positionRun.Data!["accounts"]![0]!;
        Assert.Equal((0, 0, 0, 2), Counts(balanceAccount));
        Assert.Equal((0, 0, 0, 2), Counts(positionAccount));
        Assert.True(balanceAccount["applied"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_closed_position_disappears_and_a_changed_one_is_updated()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);
        await h.RunOkAsync("ibkr_position_sync");
        h.Server.Reset();
        IbkrHarness.LoadGateway(h.Server, "success (brokerage session ready)", "success", "success, page 1 (end of list)");
        var onlyApple = IbkrHarness.Fixture("cp-portfolio-positions.page0.json").Replace("\"position\": 120.0", "\"position\": 150.0", StringComparison.Ordinal);
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(onlyApple)!.AsArray();
        parsed.RemoveAt(1);
        h.Server.Map("GET", $"{Api}/portfolio/{Account}/positions/0", 200, parsed.ToJsonString());

        var (result, _) = await h.RunOkAsync("ibkr_position_sync");

        var apple = Assert.Single(await h.PositionsAsync());
        Assert.Equal(("265598", 150.0m), (apple.InstrumentId, apple.Quantity));
        Assert.Equal((0, 1, 1, 0), Counts(result.Data!["accounts"]![0]!));
    }

    [Theory]
    [InlineData("ibkr_balance_sync")]
    [InlineData("ibkr_position_sync")]
    public async Task A_session_that_is_not_authenticated_fails_clearly_before_any_portfolio_call(string task)
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server =>
            IbkrHarness.LoadGateway(server, "error: logged in to gateway but brokerage session not established", "success", "success, page 0"));

        var (result, context) = await h.RunAsync(task);

        Assert.False(result.Succeeded);
        Assert.Equal("NotAuthenticated", result.ErrorType);
        Assert.Contains("gateway not authenticated — log in at the gateway", result.Error, StringComparison.Ordinal);
        Assert.Contains(context.Lines, l => l.Contains("log in at the gateway", StringComparison.Ordinal));
        Assert.Equal([$"{Api}/iserver/auth/status"], h.Server.Requests.Select(r => r.Path));
        Assert.Empty(await h.Store.GetAccountsAsync("ibkr"));
        Assert.Empty(h.Host.Events);
    }

    [Fact]
    public async Task Http_401_is_not_authenticated_and_not_retried()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server =>
            IbkrHarness.LoadGateway(server, "success (brokerage session ready)", "error: gateway session not authenticated"));

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.Equal("NotAuthenticated", result.ErrorType);
        Assert.Contains("HTTP 401", result.Error, StringComparison.Ordinal);
        Assert.Single(h.Server.RequestsTo($"{Api}/portfolio/accounts"));
    }

    [Fact]
    public async Task Http_429_is_backed_off_then_fails_as_rate_limited_writing_nothing()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server =>
            IbkrHarness.LoadGateway(server, "success (brokerage session ready)", "error: pacing violation"));

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.False(result.Succeeded);
        Assert.Equal("RateLimited", result.ErrorType);
        Assert.Contains("429", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, h.Server.RequestsTo($"{Api}/portfolio/accounts").Count); // the first try and the pipeline's three retries
        // Besides the pacer's tenth of a second before the accounts call, three jittered back-off waits.
        Assert.True(h.Clock.Waits.Count(w => w != TimeSpan.FromMilliseconds(100)) >= 3, "waits: " + string.Join(", ", h.Clock.Waits));
        Assert.Empty(await h.Store.GetAccountsAsync("ibkr"));
        Assert.Empty(h.Host.Events);
    }

    [Fact]
    public async Task Http_429_then_success_is_absorbed()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server =>
        {
            server.AddSequence(
                new FixtureEntry { Path = $"{Api}/portfolio/accounts", Status = 429 },
                new FixtureEntry { Path = $"{Api}/portfolio/accounts", Body = Encoding.UTF8.GetBytes(IbkrHarness.Fixture("cp-portfolio-accounts.json")) });
            Ready(server);
        });

        await h.RunOkAsync("ibkr_balance_sync");

        Assert.Equal(2, h.Server.RequestsTo($"{Api}/portfolio/accounts").Count);
        Assert.Equal(2, (await h.BalancesAsync()).Count);
    }

    [Fact]
    public async Task Accounts_that_match_none_of_AccountIds_fail_as_configuration()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready, new Dictionary<string, string?> { ["AccountIds"] = "U0000001" });

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("Plugins:ibkr:AccountIds (U0000001)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keepalive_tickles_the_gateway()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);

        var (result, _) = await h.RunOkAsync("ibkr_keepalive");

        var request = Assert.Single(h.Server.Requests);
        Assert.Equal(("POST", $"{Api}/tickle"), (request.Method, request.Path));
        Assert.False(result.Data!["skipped"]!.GetValue<bool>());
        Assert.True(result.Data["connected"]!.GetValue<bool>());
        Assert.Equal(543, result.Data["sso_expires_in_seconds"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(401, "")]
    [InlineData(200, """{"session":"x","ssoExpires":1000,"collission":false,"iserver":{"authStatus":{"authenticated":false,"connected":true,"competing":false}}}""")]
    public async Task The_keepalive_fails_when_the_gateway_is_not_logged_in(int status, string body)
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(server => server.Map("POST", $"{Api}/tickle", status, body.Length == 0 ? null : body));

        var (result, _) = await h.RunAsync("ibkr_keepalive");

        Assert.False(result.Succeeded);
        Assert.Equal("NotAuthenticated", result.ErrorType);
        Assert.Contains("log in at the gateway", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keepalive_and_the_syncs_share_one_pacer()
    {
        await using var h = await IbkrPluginHarness.GatewayAsync(Ready);
        await h.RunOkAsync("ibkr_keepalive");
        h.Clock.ClearWaits();

        await h.RunOkAsync("ibkr_balance_sync");
        var balanceWaits = h.Clock.Waits;
        h.Clock.ClearWaits();
        await h.RunOkAsync("ibkr_position_sync");

        // At 10 requests a second every request waits a tenth of a second after the one before, the keep-alive's
        // tickle included: so even the balance sync's first request (auth status) waits.
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromMilliseconds(100), 4), balanceWaits);
        // /portfolio/accounts allows 1 request per 5 s: the position sync's accounts call waits for it.
        Assert.Contains(h.Clock.Waits, w => w > TimeSpan.FromSeconds(4) && w <= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_self_signed_loopback_gateway_over_https_syncs_with_AllowInsecureTls()
    {
        HttpsGateway? proxy = null;
        await using var h = await IbkrPluginHarness.StartAsync(async server =>
        {
            proxy = await HttpsGateway.StartProxyAsync(server.BaseUri);
            return new() { ["Mode"] = "gateway", ["BaseUrl"] = proxy.BaseUrl("127.0.0.1").ToString(), ["AllowInsecureTls"] = "true" };
        }, Ready);
        await using var gateway = proxy!;

        await h.RunOkAsync("ibkr_balance_sync");
        await h.RunOkAsync("ibkr_position_sync");
        await h.RunOkAsync("ibkr_keepalive");

        Assert.Equal(2, (await h.BalancesAsync()).Count);
        Assert.Equal(2, (await h.PositionsAsync()).Count);
        Assert.Contains(h.Server.Requests, r => r.Path == $"{Api}/tickle");
    }

    [Fact]
    public async Task A_self_signed_gateway_is_refused_without_AllowInsecureTls_naming_the_setting()
    {
        HttpsGateway? proxy = null;
        await using var h = await IbkrPluginHarness.StartAsync(async server =>
        {
            proxy = await HttpsGateway.StartProxyAsync(server.BaseUri);
            return new() { ["Mode"] = "gateway", ["BaseUrl"] = proxy.BaseUrl("127.0.0.1").ToString() };
        }, Ready);
        await using var gateway = proxy!;

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.Equal("ServiceError", result.ErrorType);
        Assert.Contains("Plugins:ibkr:AllowInsecureTls", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    private static (int Added, int Updated, int Removed, int Unchanged) Counts(System.Text.Json.Nodes.JsonNode account) =>
        (account["added"]!.GetValue<int>(), account["updated"]!.GetValue<int>(), account["removed"]!.GetValue<int>(), account["unchanged"]!.GetValue<int>());
}
