using System.Text.Json;
using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Balances;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Wise.Tests.Balances;

public sealed class BalanceSyncTaskTests
{
    private const string Balances1 = "/v4/profiles/30000001/balances";
    private const string Balances2 = "/v4/profiles/30000002/balances";

    private const string BusinessBalances = """
        [{"id": 300001, "currency": "GBP", "type": "STANDARD", "name": null, "amount": {"value": 9876.54, "currency": "GBP"},
          "reservedAmount": {"value": 0, "currency": "GBP"}, "cashAmount": {"value": 9876.54, "currency": "GBP"},
          "totalWorth": {"value": 9876.54, "currency": "GBP"}, "modificationTime": "2024-06-02T10:00:00.000Z", "visible": true}]
        """;

    private static async Task<WisePluginHarness> StartWithBothProfilesAsync()
    {
        var h = await WisePluginHarness.StartAsync();
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath is "/v2/profiles" or Balances1);
        h.Server.Map("GET", Balances2, 200, BusinessBalances);
        return h;
    }

    [Fact]
    public async Task EveryProfile_BalancesBecomeItsPortfolioAccount_WithTheDaysSnapshot_AndTheEventIsPublished()
    {
        await using var h = await StartWithBothProfilesAsync();

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var balances = (await h.Store.GetBalancesAsync("wise")).OrderBy(b => b.AccountId).ThenBy(b => b.Asset).ToList();
        Assert.Equal(
            ["30000001 EUR 1520.37 1520.37 0 cash", "30000001 USD 257.6 245.1 12.5 cash", "30000002 GBP 9876.54 9876.54 0 cash"],
            balances.Select(b => $"{b.AccountId} {b.Asset} {b.Total} {b.Available} {b.Frozen} {b.AssetClass}"));
        var accounts = await h.Store.GetAccountsAsync("wise");
        Assert.Equal(["Alex Sample (personal)", "Sample Ltd (business)"], accounts.Select(a => a.Name));
        Assert.All(accounts, a => Assert.Equal(WisePluginHarness.Start, a.SyncedAt));
        // The day's snapshot (portfolio time zone Asia/Shanghai: 2024-06-03 08:00).
        Assert.Equal(3, await h.CountAsync("portfolio_balance_snapshots", "source = 'wise' AND snapshot_date = '2024-06-03'"));

        var evt = Assert.Single(h.Events(BalanceSyncTask.SyncedEvent));
        Assert.Equal("wise", evt.Source);
        var data = evt.Data!.Value;
        var profiles = data.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(["30000001", "30000002"], profiles.Select(p => p.GetProperty("profile_id").GetString()));
        var usd = profiles[0].GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("currency").GetString() == "USD");
        Assert.Equal(257.6m, usd.GetProperty("total").GetDecimal());
        Assert.Equal(245.1m, usd.GetProperty("available").GetDecimal());
        Assert.Equal(12.5m, usd.GetProperty("reserved").GetDecimal());
        Assert.Equal(200002, usd.GetProperty("balance_id").GetInt64());
        Assert.Equal(2, profiles[0].GetProperty("added").GetInt32());
        Assert.Equal("PERSONAL", profiles[0].GetProperty("type").GetString());
        Assert.Empty(data.GetProperty("failed").EnumerateArray());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText()), result.Data), "the event carries the run's result");
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task ConfiguredProfile_IsTheOnlyOneSynced_WithoutAskingForProfiles()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath == Balances1);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(h.Server.RequestsTo("/v2/profiles"));
        Assert.Equal(["EUR", "USD"], (await h.Store.GetBalancesAsync("wise")).Select(b => b.Asset).Order());
        Assert.Equal("Wise profile 30000001", Assert.Single(await h.Store.GetAccountsAsync("wise")).Name);
    }

    [Fact]
    public async Task SecondIdenticalSync_ChangesNothing()
    {
        await using var h = await StartWithBothProfilesAsync();
        await h.RunAsync(BalanceSyncTask.Id);
        var before = await h.RowsAsync("SELECT account_id, asset, total, available, frozen, as_of FROM portfolio_balances ORDER BY account_id, asset");
        h.Clock.Fake.Advance(TimeSpan.FromHours(1));

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var profiles = WisePluginHarness.Data(result)["profiles"]!.AsArray();
        Assert.All(profiles, p =>
        {
            Assert.Equal(0, (int)p!["added"]!);
            Assert.Equal(0, (int)p["updated"]!);
            Assert.Equal(0, (int)p["removed"]!);
        });
        Assert.Equal(3, profiles.Sum(p => (int)p!["unchanged"]!));
        Assert.Equal(before, await h.RowsAsync("SELECT account_id, asset, total, available, frozen, as_of FROM portfolio_balances ORDER BY account_id, asset"));
        Assert.Equal(3, await h.CountAsync("portfolio_balance_snapshots"));
    }

    [Fact]
    public async Task ACurrencyNoLongerReported_Disappears_AndAChangedOneIsUpdated()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.AddSequence(
            new FixtureEntry { Path = Balances1, Body = WisePluginHarness.Fixture("v4-profiles-balances.json") },
            new FixtureEntry
            {
                Path = Balances1,
                Body = """[{"id": 200001, "currency": "EUR", "type": "STANDARD", "amount": {"value": 1000.01, "currency": "EUR"}, "cashAmount": {"value": 1000.01, "currency": "EUR"}}]"""u8.ToArray(),
            });
        await h.RunAsync(BalanceSyncTask.Id);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var balance = Assert.Single(await h.Store.GetBalancesAsync("wise"));
        Assert.Equal(("EUR", 1000.01m, (decimal?)null), (balance.Asset, balance.Total, balance.Frozen));
        var profile = WisePluginHarness.Data(result)["profiles"]![0]!;
        Assert.Equal((1, 1), ((int)profile["updated"]!, (int)profile["removed"]!));
    }

    [Fact]
    public async Task RevokedToken_FailsWithACredentialsError_WithoutRetrying_AndKeepsWhatIsStored()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.AddSequence(
            new FixtureEntry { Path = Balances1, Body = WisePluginHarness.Fixture("v4-profiles-balances.json") },
            new FixtureEntry { Path = Balances1, Status = 401, Body = WisePluginHarness.Fixture("v4-profiles-balances.error-401.json") });
        await h.RunAsync(BalanceSyncTask.Id);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Contains("Plugins:wise:ApiToken", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, h.Server.RequestsTo(Balances1).Count);
        Assert.Equal(2, (await h.Store.GetBalancesAsync("wise")).Count);
        Assert.Single(h.Events(BalanceSyncTask.SyncedEvent));
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task RateLimited_WaitsAsRetryAfterAsks_ThenSyncs()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.AddSequence(
            new FixtureEntry { Path = Balances1, Status = 429, ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "5", ["X-Rate-Limited-By"] = "wise-public-api" } },
            new FixtureEntry { Path = Balances1, Body = WisePluginHarness.Fixture("v4-profiles-balances.json") });

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([TimeSpan.FromSeconds(5)], h.Clock.Waits);
        Assert.Equal(2, h.Server.RequestsTo(Balances1).Count);
        Assert.Equal(2, (await h.Store.GetBalancesAsync("wise")).Count);
    }

    [Fact]
    public async Task RateLimitedBeyondTheRetries_FailsAsRateLimited_AndWritesNothing()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.Add(new FixtureEntry { Path = Balances1, Status = 429, ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "7" } });

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("RateLimited", result.ErrorType);
        Assert.Contains("profile 30000001", result.Error, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(7), 2), h.Clock.Waits);
        Assert.Equal(3, h.Server.RequestsTo(Balances1).Count);
        Assert.Empty(await h.Store.GetBalancesAsync("wise"));
        Assert.Empty(h.Events(BalanceSyncTask.SyncedEvent));
    }

    [Fact]
    public async Task ServerErrorOnce_IsRetriedByThePipeline()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.AddSequence(
            new FixtureEntry { Path = Balances1, Status = 503 },
            new FixtureEntry { Path = Balances1, Body = WisePluginHarness.Fixture("v4-profiles-balances.json") });

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(h.Clock.Waits);
        Assert.Equal(2, h.Server.RequestsTo(Balances1).Count);
    }

    [Fact]
    public async Task ServerErrorEveryTime_FailsAsSourceUnavailable_AfterTheRetries()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.Map("GET", Balances1, 502, "<html>bad gateway</html>", "text/html");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("SourceUnavailable", result.ErrorType);
        Assert.Contains("502", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.RequestsTo(Balances1).Count);
        Assert.Equal(2, h.Clock.Waits.Count);
    }

    [Theory]
    [InlineData("""[{"id": 200001, "currency": "EUR", "amount": {"value": 12.5""")]
    [InlineData("""{"not": "an array"}""")]
    [InlineData("""[{"id": 200001, "currency": "EUR", "type": "STANDARD"}]""")]
    public async Task MalformedBody_FailsWithAParseErrorNamingTheEndpoint(string body)
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["ProfileId"] = "30000001");
        h.Server.Map("GET", Balances1, 200, body);

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("ParseError", result.ErrorType);
        Assert.Contains("GET " + Balances1, result.Error, StringComparison.Ordinal);
        Assert.Empty(await h.Store.GetBalancesAsync("wise"));
    }

    [Fact]
    public async Task OneProfileFailing_TheOtherIsStillWritten_AndTheRunFailsNamingIt()
    {
        await using var h = await WisePluginHarness.StartAsync();
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath is "/v2/profiles" or Balances1);
        h.Server.Map("GET", Balances2, 404, """{"errors":[{"code":"NOT_FOUND","message":"Profile not found"}]}""");

        var (result, _) = await h.RunAsync(BalanceSyncTask.Id);

        Assert.False(result.Succeeded);
        Assert.Equal("RequestRejected", result.ErrorType);
        Assert.Contains("profile 30000002", result.Error, StringComparison.Ordinal);
        Assert.Contains("Profile not found", result.Error, StringComparison.Ordinal);
        Assert.All(await h.Store.GetBalancesAsync("wise"), b => Assert.Equal("30000001", b.AccountId));
        var evt = Assert.Single(h.Events(BalanceSyncTask.SyncedEvent));
        Assert.Equal("30000001", Assert.Single(evt.Data!.Value.GetProperty("profiles").EnumerateArray()).GetProperty("profile_id").GetString());
        Assert.Equal("profile 30000002", Assert.Single(evt.Data!.Value.GetProperty("failed").EnumerateArray()).GetProperty("item").GetString());
    }
}
