using System.Globalization;
using Kairos.Plugins.Okx.Balances;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Okx.Tests.Balances;

public sealed class BalanceSyncTaskTests
{
    private const string Trading = "/api/v5/account/balance";
    private const string Funding = "/api/v5/asset/balances";

    private static async Task<OkxPluginHarness> StartAsync(Action<Dictionary<string, string?>>? settings = null)
    {
        var h = await OkxPluginHarness.StartAsync(settings);
        h.Serve(Trading, "account-balance.json").Serve(Funding, "asset-balances.json");
        return h;
    }

    private static async Task<List<string>> BalancesAsync(OkxPluginHarness h) =>
        [.. (await h.Store.GetBalancesAsync("okx")).OrderBy(b => b.AccountId).ThenBy(b => b.Asset)
            .Select(b => FormattableString.Invariant($"{b.AccountId} {b.Asset} {b.Total} {b.Available} {b.Frozen} {b.AssetClass}"))];

    [Fact]
    public async Task TradingAndFunding_BecomeTwoPortfolioAccounts_WithSignedRequests_AndTheEventCarriesUsdValues()
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
        [
            "funding ETH 0.02 0.015 0.005 crypto",
            "funding USDT 1250.5 1250.5 0 crypto",
            "trading BTC 0.0421 0.0421 0 crypto",
            "trading USDT 2514.83720000 2402.3372 112.5 crypto",
        ], await BalancesAsync(h));
        Assert.Equal(["OKX funding account", "OKX trading account"], (await h.Store.GetAccountsAsync("okx")).Select(a => a.Name));
        Assert.Equal(2, h.Server.AcceptedSignatures.Count);
        Assert.Single(h.RequestsTo("/api/v5/public/time"));
        Assert.All(h.RequestsTo(Trading).Concat(h.RequestsTo(Funding)), r => Assert.Null(r.Header("x-simulated-trading")));

        var data = Assert.Single(h.Events(BalanceSyncTask.SyncedEvent)).Data!.Value;
        var trading = data.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account_id").GetString() == "trading");
        Assert.Equal(5372.4876m, trading.GetProperty("total_usd").GetDecimal());
        var btc = trading.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("currency").GetString() == "BTC");
        Assert.Equal((0.0421m, 2858.1534m), (btc.GetProperty("total").GetDecimal(), btc.GetProperty("usd_value").GetDecimal()));
        var funding = data.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("account_id").GetString() == "funding");
        Assert.Equal(2, funding.GetProperty("added").GetInt32());
        Assert.False(funding.TryGetProperty("total_usd", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task ServerClockAnHourAhead_TheSignedTimestampsLandWithin5SecondsOfTheServersTime()
    {
        await using var h = await StartAsync();
        h.Server.ClockOffset = TimeSpan.FromHours(1);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, h.Server.AcceptedSignatures.Count);
        Assert.All(h.Server.AcceptedSignatures, accepted =>
        {
            var sent = DateTimeOffset.ParseExact(accepted.Timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.True((sent - accepted.ServerTime).Duration() <= TimeSpan.FromSeconds(5), $"sent {sent:O}, server {accepted.ServerTime:O}");
            Assert.True((sent - h.Clock.GetUtcNow()).Duration() >= TimeSpan.FromMinutes(59), "the timestamp must not be the local clock");
        });
    }

    [Fact]
    public async Task SecondIdenticalSync_ChangesNothing()
    {
        await using var h = await StartAsync();
        await h.RunAsync(BalanceSyncTask.Id);
        var before = await h.RowsAsync("SELECT account_id, asset, total, available, frozen, as_of FROM portfolio_balances ORDER BY account_id, asset");
        h.Clock.Fake.Advance(TimeSpan.FromHours(1));

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var accounts = OkxPluginHarness.Data(result)["accounts"]!.AsArray();
        Assert.All(accounts, a => Assert.Equal((0, 0, 0), ((int)a!["added"]!, (int)a["updated"]!, (int)a["removed"]!)));
        Assert.Equal(4, accounts.Sum(a => (int)a!["unchanged"]!));
        Assert.Equal(before, await h.RowsAsync("SELECT account_id, asset, total, available, frozen, as_of FROM portfolio_balances ORDER BY account_id, asset"));
    }

    [Fact]
    public async Task AnAssetNoLongerHeld_Disappears()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Serve(Trading, "account-balance.json");
        h.Server.Server.AddSequence(
            h.Server.Signed(new FixtureEntry { Path = Funding, Body = FakeOkx.Fixture("asset-balances.json") }),
            h.Server.SignedBody(Funding, """{"code":"0","msg":"","data":[{"ccy":"USDT","bal":"1250.5","availBal":"1250.5","frozenBal":"0"}]}"""));
        await h.RunAsync(BalanceSyncTask.Id);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.DoesNotContain(await BalancesAsync(h), b => b.StartsWith("funding ETH", StringComparison.Ordinal));
        var funding = OkxPluginHarness.Data(result)["accounts"]!.AsArray().Single(a => (string?)a!["account_id"] == "funding")!;
        Assert.Equal(1, (int)funding["removed"]!);
    }

    [Fact]
    public async Task BadApiKey_FailsWithACredentialsError_WithoutRetrying_AndWritesNothing()
    {
        await using var h = await OkxPluginHarness.StartAsync(s => s["ApiKey"] = "ak-revoked");
        h.Serve(Trading, "account-balance.json").Serve(Funding, "asset-balances.json");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Contains("50111", result.Error, StringComparison.Ordinal);
        Assert.Contains("Plugins:okx:ApiKey", result.Error, StringComparison.Ordinal);
        Assert.Single(h.RequestsTo(Trading));
        Assert.Empty(h.RequestsTo(Funding));
        Assert.Empty(await h.Store.GetBalancesAsync("okx"));
        Assert.Empty(h.Clock.Waits);
    }

    [Fact]
    public async Task WrongPassphrase_FailsWithACredentialsError_AndTheWrongPassphraseIsNotLoggedEither()
    {
        const string wrong = "wrong-pass-phrase-71";
        await using var h = await OkxPluginHarness.StartAsync(s => s["Passphrase"] = wrong);
        h.Serve(Trading, "account-balance.json");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Contains("Plugins:okx:Passphrase", result.Error, StringComparison.Ordinal);
        Assert.Single(h.RequestsTo(Trading));
        Assert.DoesNotContain(wrong, h.Host.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimestampRejected_IsReMeasuredOnce_ThenAClockErrorWithoutALoop()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.Add(h.Server.Signed(new FixtureEntry { Path = Trading, Status = 401, Body = FakeOkx.Fixture("account-balance.error-50102.json") }));

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("ClockError", result.ErrorType);
        Assert.Contains("check the server clock", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, h.RequestsTo(Trading).Count);
        Assert.Equal(2, h.RequestsTo("/api/v5/public/time").Count);
        Assert.Empty(h.RequestsTo(Funding));
    }

    [Fact]
    public async Task RateLimitedWithHttp200_BacksOffOnTheClock_ThenSyncs()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.AddSequence(
            h.Server.SignedBody(Trading, """{"code":"50011","data":[],"msg":"Rate limit reached. Please refer to API documentation and throttle requests accordingly."}"""),
            h.Server.Signed(new FixtureEntry { Path = Trading, Body = FakeOkx.Fixture("account-balance.json") }));
        h.Serve(Funding, "asset-balances.json");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([TimeSpan.FromSeconds(2)], h.Clock.Waits);
        Assert.Equal(2, h.RequestsTo(Trading).Count);
        Assert.Equal(4, (await h.Store.GetBalancesAsync("okx")).Count);
    }

    [Fact]
    public async Task RateLimitedWith429Throughout_FailsAsRateLimited_AfterBoundedBackOff_AndTheFundingAccountIsStillWritten()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.Add(h.Server.Signed(new FixtureEntry { Path = Trading, Status = 429, Body = FakeOkx.Fixture("account-balance.error-50011.json") }));
        h.Serve(Funding, "asset-balances.json");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("RateLimited", result.ErrorType);
        Assert.Contains("trading", result.Error, StringComparison.Ordinal);
        // The client's own back-off (2 s, doubling) between the pipeline's retries; bounded, never a loop.
        var backOffs = h.Clock.Waits.Where(w => w >= TimeSpan.FromSeconds(2)).ToList();
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], backOffs);
        Assert.True(h.RequestsTo(Trading).Count <= 12, $"{h.RequestsTo(Trading).Count} requests");
        Assert.Equal(["funding ETH 0.02 0.015 0.005 crypto", "funding USDT 1250.5 1250.5 0 crypto"], await BalancesAsync(h));
        Assert.Single(h.Events(BalanceSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetried_ThenFailsAsAServiceError()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.Add(h.Server.SignedBody(Trading, """{"code":"50001","data":[],"msg":"Service temporarily unavailable"}""", status: 503));
        h.Server.Server.Add(h.Server.SignedBody(Funding, """{"code":"50001","data":[],"msg":"Service temporarily unavailable"}""", status: 503));

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("ServiceError", result.ErrorType);
        Assert.True(h.RequestsTo(Trading).Count > 1);
        Assert.Empty(await h.Store.GetBalancesAsync("okx"));
        Assert.Empty(h.Events(BalanceSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task MalformedBody_FailsWithAParseError()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.Add(h.Server.SignedBody(Trading, """{"code":"0","msg":"","data":[{"details":[{"ccy":"BTC","eq":"0.0x"}]}]}"""));
        h.Server.Server.Add(h.Server.SignedBody(Funding, """{"code":"0","msg":"","data":[{"ccy":"USDT","bal":"12"""));

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.Equal("ParseError", result.ErrorType);
        Assert.Contains("'eq'", result.Error, StringComparison.Ordinal);
        Assert.Contains("/api/v5/asset/balances", result.Error, StringComparison.Ordinal);
        Assert.Empty(await h.Store.GetBalancesAsync("okx"));
    }

    [Fact]
    public async Task DemoTrading_SendsTheSimulatedHeader_AndNamesTheAccountsDemo()
    {
        await using var h = await StartAsync(s => s["Simulated"] = "true");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(h.RequestsTo(Trading), r => Assert.Equal("1", r.Header("x-simulated-trading")));
        Assert.All(await h.Store.GetAccountsAsync("okx"), a => Assert.EndsWith("(demo)", a.Name, StringComparison.Ordinal));
    }
}
