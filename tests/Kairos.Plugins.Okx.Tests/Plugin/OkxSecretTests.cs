using System.Text.Json.Nodes;
using Kairos.Plugins.Okx.Balances;
using Kairos.Plugins.Okx.Market;
using Kairos.Plugins.Okx.Positions;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Tests.Plugin;

public sealed class OkxSecretTests
{
    [Fact]
    public async Task EveryTask_ThroughSuccessRetriesAndFailures_NeverLogsKeySecretPassphraseOrSignature_AtAnyLevelOfAnyCategory()
    {
        await using var h = await OkxPluginHarness.StartAsync(s => s["Instruments"] = "BTC-USDT");
        // Trading: a 503 (retried by the pipeline, re-sending the same message) then success; funding: rate limited once.
        h.Server.Server.AddSequence(
            h.Server.SignedBody("/api/v5/account/balance", """{"code":"50001","data":[],"msg":"Service temporarily unavailable"}""", status: 503),
            h.Server.Signed(new FixtureEntry { Path = "/api/v5/account/balance", Body = FakeOkx.Fixture("account-balance.json") }));
        h.Server.Server.AddSequence(
            h.Server.SignedBody("/api/v5/asset/balances", """{"code":"50011","data":[],"msg":"Rate limit reached."}"""),
            h.Server.Signed(new FixtureEntry { Path = "/api/v5/asset/balances", Body = FakeOkx.Fixture("asset-balances.json") }));
        h.Server.Server.Add(h.Server.SignedBody("/api/v5/account/positions", """{"code":"50113","data":[],"msg":"Invalid Sign"}"""));
        h.Server.Load(f => f.Url.AbsolutePath.StartsWith("/api/v5/market/", StringComparison.Ordinal) && f.Case.StartsWith("success", StringComparison.Ordinal));

        var balances = await h.RunAsync(BalanceSyncTask.Id);
        var positions = await h.RunAsync(PositionSyncTask.Id);
        var market = await h.RunAsync(MarketDataSyncTask.Id, new JsonObject { ["candles"] = 5, ["page_size"] = 3 });

        Assert.True(balances.Result.Succeeded, balances.Result.Error);
        Assert.Equal("CredentialsError", positions.Result.ErrorType);
        Assert.True(market.Result.Succeeded, market.Result.Error);
        Assert.True(h.RequestsTo("/api/v5/account/balance").Count >= 2, "the pipeline re-sent the signed request");
        Assert.Contains(h.Host.Logs.Entries, e => e.Category.Contains("HttpClient", StringComparison.Ordinal));
        Assert.Contains(h.Host.Logs.Entries, e => e.Level == LogLevel.Trace);
        h.AssertSecretsNeverLeaked();
    }
}
