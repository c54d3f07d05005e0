using System.Text;
using Kairos.Plugins.Ibkr.Tests.Support;
using Kairos.Plugins.Portfolio;
using Kairos.Testing.Http;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Tests.Sync;

public sealed class FlexSyncTests
{
    private const string SendPath = IbkrPluginHarness.FlexPath + "/SendRequest";
    private const string GetPath = IbkrPluginHarness.FlexPath + "/GetStatement";

    /// <summary>SendRequest, GetStatement "in progress" (1019), then the statement of one account.</summary>
    private static void InProgressThenReady(FixtureServer server) =>
        IbkrHarness.LoadFlexSequence(server, "success", "error: not ready yet (retry)", "success (one account)");

    [Fact]
    public async Task Balance_sync_polls_while_the_statement_is_generated_then_writes_cash_positions_and_rates()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(InProgressThenReady);

        var (result, _) = await h.RunOkAsync("ibkr_balance_sync");

        Assert.Single(h.Server.RequestsTo(SendPath));
        Assert.Equal(2, h.Server.RequestsTo(GetPath).Count);
        Assert.Equal([TimeSpan.FromSeconds(5)], h.Clock.Waits); // the poll after "in progress"
        var account = Assert.Single(await h.Store.GetAccountsAsync("ibkr"));
        Assert.Equal(("U9876543", "Alex Sample", "USD", "brokerage"), (account.AccountId, account.Name, account.Currency, account.Kind));
        Assert.Equal([("EUR", 1500m), ("USD", 18760.55m)], (await h.BalancesAsync()).Select(b => (b.Asset, b.Total))); // BASE_SUMMARY left out
        // One statement holds cash and positions of one moment: the balance sync writes both.
        var positions = await h.PositionsAsync();
        Assert.Equal(["265598", "756733"], positions.Select(p => p.InstrumentId));
        var spy = positions[1];
        Assert.Equal(("stock", PositionSide.Long, "SPDR S&P 500 ETF TRUST", 26m, 541.9m, 533m, 13858m, "USD", -231.4m),
            (spy.InstrumentKind, spy.Side, spy.Name, spy.Quantity, spy.AverageCost, spy.Price, spy.MarketValue, spy.Currency, spy.UnrealisedPnl));
        var rate = Assert.Single(await h.Store.GetLatestExchangeRatesAsync("EUR", "USD"));
        Assert.Equal((1.0842m, new DateTimeOffset(2024, 5, 31, 0, 0, 0, TimeSpan.Zero)), (rate.Rate, rate.Time));

        var data = Assert.Single(h.Events("ibkr.balances.synced")).Data!.Value;
        Assert.Equal("flex", data.GetProperty("mode").GetString());
        var synced = Assert.Single(data.GetProperty("accounts").EnumerateArray());
        Assert.Equal((57206.6m, 20386.85m, 2), (synced.GetProperty("net_liquidation").GetDecimal(), synced.GetProperty("total_cash").GetDecimal(), synced.GetProperty("added").GetInt32()));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()), result.Data), "the result is the event's data");
        Assert.Empty(h.Events("ibkr.positions.synced"));
    }

    [Fact]
    public async Task Position_sync_writes_the_statement_and_publishes_the_positions_event()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(InProgressThenReady);

        var (result, _) = await h.RunOkAsync("ibkr_position_sync");

        Assert.Equal(2, (await h.PositionsAsync()).Count);
        Assert.Equal(2, (await h.BalancesAsync()).Count);
        var data = Assert.Single(h.Events("ibkr.positions.synced")).Data!.Value;
        var synced = Assert.Single(data.GetProperty("accounts").EnumerateArray());
        Assert.Equal(("U9876543", 2, 2), (synced.GetProperty("account_id").GetString(), synced.GetProperty("positions").GetInt32(), synced.GetProperty("added").GetInt32()));
        Assert.Equal(36811.6m, Assert.Single(synced.GetProperty("market_value").EnumerateArray()).GetProperty("amount").GetDecimal());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()), result.Data), "the result is the event's data");
        Assert.Empty(h.Events("ibkr.balances.synced"));
    }

    [Fact]
    public async Task A_statement_of_several_accounts_writes_each_account()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(server =>
        {
            server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
            server.Map("GET", GetPath, 200, IbkrHarness.ExtraFixture("flex-GetStatement.multi-account.xml"), "text/xml");
        });

        var (result, _) = await h.RunOkAsync("ibkr_balance_sync");

        var accounts = await h.Store.GetAccountsAsync("ibkr");
        Assert.Equal([("U1111111", "main & more", "EUR"), ("U2222222", "Pat Example", "USD")], accounts.Select(a => (a.AccountId, a.Name, a.Currency)));
        Assert.Equal([("U1111111", "EUR", 1000.10m), ("U2222222", "USD", -1234.5678m)], (await h.BalancesAsync()).Select(b => (b.AccountId, b.Asset, b.Total)));
        var positions = await h.PositionsAsync();
        Assert.All(positions, p => Assert.Equal("U2222222", p.AccountId));
        var toyota = positions.Single(p => p.InstrumentId == "13125");
        Assert.Equal(("stock", PositionSide.Long, 100.5m, "JPY", 343810.5m), (toyota.InstrumentKind, toyota.Side, toyota.Quantity, toyota.Currency, toyota.MarketValue));
        var call = positions.Single(p => p.InstrumentId == "690123456");
        Assert.Equal(("option", PositionSide.Short, 2m, -250m, 2.1m, "AAPL 21JUN24 200 C"), (call.InstrumentKind, call.Side, call.Quantity, call.MarketValue, call.AverageCost, call.Name));
        Assert.Equal(0.0063694m, Assert.Single(await h.Store.GetLatestExchangeRatesAsync("JPY", "USD")).Rate);
        Assert.Equal(2, result.Data!["accounts"]!.AsArray().Count);
        Assert.Equal(2, result.Data["exchange_rates"]!.GetValue<int>()); // EUR/USD once although both statements list it
    }

    [Fact]
    public async Task AccountIds_limit_the_accounts_of_the_statement()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(server =>
        {
            server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
            server.Map("GET", GetPath, 200, IbkrHarness.ExtraFixture("flex-GetStatement.multi-account.xml"), "text/xml");
        }, new Dictionary<string, string?> { ["AccountIds"] = "U2222222" });

        await h.RunOkAsync("ibkr_balance_sync");

        Assert.Equal(["U2222222"], (await h.Store.GetAccountsAsync("ibkr")).Select(a => a.AccountId));
    }

    [Fact]
    public async Task A_second_identical_sync_changes_nothing()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(InProgressThenReady);
        await h.RunOkAsync("ibkr_balance_sync");
        var balances = await h.BalancesAsync();
        var positions = await h.PositionsAsync();
        h.Host.Time.Advance(TimeSpan.FromHours(1));

        var (balanceRun, _) = await h.RunOkAsync("ibkr_balance_sync");
        var (positionRun, _) = await h.RunOkAsync("ibkr_position_sync");

        Assert.Equal(balances, await h.BalancesAsync());
        Assert.Equal(positions, await h.PositionsAsync());
        foreach (var run in new[] { balanceRun, positionRun })
        {
            var account = run.Data!["accounts"]![0]!;
            Assert.Equal((0, 0, 0, 2), (account["added"]!.GetValue<int>(), account["updated"]!.GetValue<int>(), account["removed"]!.GetValue<int>(), account["unchanged"]!.GetValue<int>()));
        }
    }

    [Theory]
    [InlineData(1003, "NotFound", "Statement is not available (1003)")]
    [InlineData(1012, "CredentialsError", "The Flex token has expired (1012): generate a new token")]
    [InlineData(1013, "ConfigurationError", "IP restriction (1013)")]
    [InlineData(1014, "ConfigurationError", "The Flex query is invalid (1014): check Plugins:ibkr:FlexQueryId")]
    [InlineData(1015, "CredentialsError", "The Flex token is invalid (1015): check Plugins:ibkr:FlexToken")]
    [InlineData(1020, "ConfigurationError", "Invalid request or unable to validate the request (1020)")]
    [InlineData(1099, "ServiceError", "Flex Web Service error 1099: Something new.")]
    public async Task A_flex_error_code_fails_with_its_clear_message(int code, string errorType, string message)
    {
        await using var h = await IbkrPluginHarness.FlexAsync(server => server.Map("GET", SendPath, 200,
            $"<FlexStatementResponse timestamp=\"03 June, 2024 04:10 AM EDT\"><Status>Fail</Status><ErrorCode>{code}</ErrorCode><ErrorMessage>Something new</ErrorMessage></FlexStatementResponse>", "text/xml"));

        var (result, context) = await h.RunAsync("ibkr_position_sync");

        Assert.False(result.Succeeded);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Contains(context.Lines, l => l.Contains(message, StringComparison.Ordinal));
        Assert.Empty(h.Server.RequestsTo(GetPath));
        Assert.Empty(await h.Store.GetAccountsAsync("ibkr"));
        Assert.Empty(h.Host.Events);
    }

    [Fact]
    public async Task The_expired_token_of_the_fixtures_is_a_credentials_error()
    {
        await using var h = await IbkrPluginHarness.FlexAsync(
            server => IbkrHarness.LoadFlexSequence(server, "error: expired token (fatal)"),
            new Dictionary<string, string?> { ["FlexToken"] = IbkrHarness.ExpiredToken });

        var (result, _) = await h.RunAsync("ibkr_balance_sync");

        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Contains("set Plugins:ibkr:FlexToken", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_absent_from_every_log_at_trace_the_run_logs_results_and_events()
    {
        var statement = Encoding.UTF8.GetBytes(IbkrHarness.Fixture("flex-GetStatement.success.xml"));
        var inProgress = Encoding.UTF8.GetBytes(IbkrHarness.Fixture("flex-GetStatement.error-1019.xml"));
        await using var h = await IbkrPluginHarness.FlexAsync(server =>
        {
            IbkrHarness.LoadFlexSequence(server, "success");
            server.AddSequence(
                new FixtureEntry { Path = GetPath, Status = 503 }, // retried by the HTTP pipeline
                new FixtureEntry { Path = GetPath, Body = inProgress }, // polled again by the client
                new FixtureEntry { Path = GetPath, Body = statement });
        });
        await using var failing = await IbkrPluginHarness.FlexAsync(
            server => IbkrHarness.LoadFlexSequence(server, "error: expired token (fatal)"),
            new Dictionary<string, string?> { ["FlexToken"] = IbkrHarness.ExpiredToken });

        var runs = new[] { await h.RunOkAsync("ibkr_balance_sync"), await h.RunOkAsync("ibkr_position_sync") };
        var failed = await failing.RunAsync("ibkr_balance_sync");

        // The token really travelled (in the URL query), through a retry and a poll…
        Assert.Equal(4, h.Server.RequestsTo(GetPath).Count(r => r.QueryValue("t") == IbkrHarness.FlexToken)); // 503, 1019, statement; statement
        Assert.Contains(failing.Server.Requests, r => r.QueryValue("t") == IbkrHarness.ExpiredToken);
        Assert.False(failed.Result.Succeeded);
        // …the HTTP stack's own logs were captured at Trace with the request URIs, the client's with t=***…
        var httpLogs = h.Host.Logs.ForCategory("System.Net.Http.HttpClient.ibkr-flex");
        Assert.Contains(httpLogs, e => e.Level == LogLevel.Trace);
        Assert.Contains(httpLogs, e => e.Message.Contains("/AccountManagement/FlexWebService/GetStatement", StringComparison.Ordinal));
        Assert.Contains(h.Host.Logs.Entries, e => e.Message.Contains("t=***", StringComparison.Ordinal));
        Assert.NotEmpty(h.Events("ibkr.balances.synced"));
        Assert.NotEmpty(h.Events("ibkr.positions.synced"));
        // …and no log entry of any category (message, state, scopes, exception), run log line, result or event holds it.
        var recorded = h.EverythingRecorded(runs) + failing.EverythingRecorded(failed);
        foreach (var token in new[] { IbkrHarness.FlexToken, IbkrHarness.ExpiredToken })
        {
            Assert.DoesNotContain(token, recorded, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(token), recorded, StringComparison.Ordinal);
        }
    }
}
