using Kairos.Plugins.Ibkr.Gateway;
using Kairos.Plugins.Ibkr.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Ibkr.Tests.Gateway;

public class IbkrGatewayClientTests
{
    [Fact]
    public async Task EnsureAuthenticatedAsync_accepts_a_ready_session()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success (brokerage session ready)");

        var status = await ibkr.Gateway().EnsureAuthenticatedAsync();

        Assert.True(status.IsUsable);
        Assert.Equal("JifN19001", status.ServerName);
        var request = Assert.Single(ibkr.Server.Requests);
        Assert.Equal(("POST", "/v1/api/iserver/auth/status"), (request.Method, request.Path));
    }

    [Fact]
    public async Task EnsureAuthenticatedAsync_fails_clearly_when_the_brokerage_session_is_not_authenticated()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("error: logged in to gateway but brokerage session not established");

        var error = await Assert.ThrowsAsync<IbkrNotAuthenticatedException>(() => ibkr.Gateway().EnsureAuthenticatedAsync());

        Assert.Contains("gateway not authenticated — log in at the gateway", error.Message, StringComparison.Ordinal);
        Assert.Equal("NotAuthenticated", error.ErrorType);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_competing_session_is_not_usable()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("POST", "/v1/api/iserver/auth/status", 200, """{"authenticated":true,"competing":true,"connected":true,"message":""}""");

        var error = await Assert.ThrowsAsync<IbkrNotAuthenticatedException>(() => ibkr.Gateway().EnsureAuthenticatedAsync());

        Assert.Contains("competing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_401_is_not_authenticated_without_retry()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("error: gateway session not authenticated");

        var error = await Assert.ThrowsAsync<IbkrNotAuthenticatedException>(() => ibkr.Gateway().GetAccountsAsync());

        Assert.Contains("log in at the gateway", error.Message, StringComparison.Ordinal);
        Assert.Single(ibkr.Server.Requests);
    }

    [Fact]
    public async Task Http_429_is_backed_off_by_the_pipeline_then_a_pacing_error()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("error: pacing violation");

        var error = await Assert.ThrowsAsync<IbkrPacingException>(() => ibkr.Gateway().GetAccountsAsync());

        Assert.Equal("RateLimited", error.ErrorType);
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ibkr.Server.RequestsTo("/v1/api/portfolio/accounts").Count); // first attempt + the pipeline's retry
    }

    [Fact]
    public async Task Http_429_then_success_is_absorbed_by_the_pipeline()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.AddSequence(
            new FixtureEntry { Path = "/v1/api/portfolio/accounts", Status = 429 },
            new FixtureEntry { Path = "/v1/api/portfolio/accounts", Body = System.Text.Encoding.UTF8.GetBytes(IbkrHarness.Fixture("cp-portfolio-accounts.json")) });

        var accounts = await ibkr.Gateway().GetAccountsAsync();

        Assert.Single(accounts);
        Assert.Equal(2, ibkr.Server.Requests.Count);
    }

    [Fact]
    public async Task TickleAsync_keeps_the_session_alive()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success");

        var tickle = await ibkr.Gateway().TickleAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(543210), tickle.SsoExpiresIn);
        Assert.False(tickle.Collision);
        Assert.Equal(12345678, tickle.UserId);
        Assert.True(tickle.AuthStatus!.IsUsable);
        Assert.Equal(("POST", "/v1/api/tickle"), (ibkr.Server.Requests[0].Method, ibkr.Server.Requests[0].Path));
    }

    [Fact]
    public async Task Accounts_summary_and_ledger_are_read_exactly()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success");
        var client = ibkr.Gateway();

        var account = Assert.Single(await client.GetAccountsAsync());
        var summary = await client.GetSummaryAsync(account.AccountId);
        var ledger = await client.GetLedgerAsync(account.AccountId);

        Assert.Equal(("U9876543", "USD", "INDIVIDUAL", "Alex Sample"), (account.AccountId, account.Currency, account.Type, account.DisplayName));
        Assert.Null(account.Alias);

        Assert.Equal(57198.45m, summary.NetLiquidation!.Amount);
        Assert.Equal("USD", summary.NetLiquidation.Currency);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717401600000), summary.NetLiquidation.Timestamp);
        Assert.Equal(20386.85m, summary.TotalCashValue!.Amount);
        Assert.Equal(165003.08m, summary.BuyingPower!.Amount);
        Assert.Equal(0.7213m, summary.Get("cushion")!.Amount);
        Assert.Null(summary.Get("cushion")!.Currency);
        Assert.Equal("INDIVIDUAL", summary.Get("accounttype")!.Value);
        Assert.Equal(41250.77m, summary.Get("availablefunds-s")!.Amount);

        Assert.Equal(["BASE", "EUR", "USD"], ledger.Select(l => l.Currency));
        var eur = ledger.Single(l => l.Currency == "EUR");
        Assert.Equal((1500.0m, 1500.0m, 1.0842m), (eur.CashBalance!.Value, eur.SettledCash!.Value, eur.ExchangeRate!.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1717401600), eur.Timestamp); // epoch seconds here
        Assert.True(ledger.Single(l => l.Currency == "BASE").IsBase);
        Assert.Equal(18760.55m, ledger.Single(l => l.Currency == "USD").CashBalance);
        Assert.Equal(
            ["/v1/api/portfolio/accounts", "/v1/api/portfolio/U9876543/summary", "/v1/api/portfolio/U9876543/ledger"],
            ibkr.Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task AccountIds_limit_the_accounts()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success");

        var none = await ibkr.Gateway(s => new() { BaseUrl = s.BaseUrl, MaxRequestsPerSecond = 200, AccountIds = ["U0000001"] }).GetAccountsAsync();
        var one = await ibkr.Gateway(s => new() { BaseUrl = s.BaseUrl, MaxRequestsPerSecond = 200, AccountIds = ["U9876543"] }).GetAccountsAsync();

        Assert.Empty(none);
        Assert.Single(one);
        Assert.Contains(ibkr.Logs.Entries, e => e.Message.Contains("U0000001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Positions_are_read_page_by_page_until_an_empty_page()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success, page 0");
        ibkr.Server.Map("GET", "/v1/api/portfolio/U9876543/positions/1", 200, """
            [{"acctId":"U9876543","conid":8314,"contractDesc":"IBM","ticker":"IBM","assetClass":"STK","currency":"USD","position":-5.5,
              "mktPrice":168.1,"mktValue":-924.55,"avgCost":170,"unrealizedPnl":10.45,"multiplier":0.0,"strike":"185","putOrCall":null,
              "chineseName":"&#x817E;&#x8BAF;"}]
            """);
        ibkr.Server.Map("GET", "/v1/api/portfolio/U9876543/positions/2", 200, "[]");

        var positions = await ibkr.Gateway().GetPositionsAsync("U9876543");

        Assert.Equal(["AAPL", "SPY", "IBM"], positions.Select(p => p.Ticker));
        Assert.Equal(
            ["/v1/api/portfolio/U9876543/positions/0", "/v1/api/portfolio/U9876543/positions/1", "/v1/api/portfolio/U9876543/positions/2"],
            ibkr.Server.Requests.Select(r => r.Path));
        var aapl = positions[0];
        Assert.Equal((265598L, 120.0m, 191.28m, 22953.6m, 178.42m, 1543.2m), (aapl.Conid, aapl.Quantity!.Value, aapl.MarketPrice!.Value, aapl.MarketValue!.Value, aapl.AverageCost!.Value, aapl.UnrealizedPnl!.Value));
        Assert.Equal(0m, aapl.Strike);
        var ibm = positions[2];
        Assert.Equal(-5.5m, ibm.Quantity);
        Assert.Equal(185m, ibm.Strike);
        Assert.Equal("腾讯", ibm.ChineseName);
    }

    [Fact]
    public async Task Positions_of_the_fixture_sequence_end_at_the_empty_page_one()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadGateway("success, page 0", "success, page 1 (end of list)");

        var positions = await ibkr.Gateway().GetPositionsAsync("U9876543");

        Assert.Equal(2, positions.Count);
        Assert.Equal(2, ibkr.Server.Requests.Count);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_a_clear_service_error()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        var stopped = await FixtureServer.StartAsync();
        var port = stopped.BaseUri.Port;
        await stopped.DisposeAsync();

        var error = await Assert.ThrowsAsync<IbkrGatewayException>(() =>
            ibkr.Gateway(s => new() { BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/api"), MaxRequestsPerSecond = 200 }).GetAuthStatusAsync());

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsRetryable);
    }
}
