using System.Text.Json.Nodes;
using Kairos.Plugins.Wise.Balances;
using Kairos.Plugins.Wise.Rates;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Plugins.Wise.Transactions;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Tests.Plugin;

public sealed class WiseSecretTests
{
    [Fact]
    public async Task EveryTask_ThroughSuccessRetriesAndFailures_NeverLogsTheTokenKeyPathOrSignature_AtAnyLevelOfAnyCategory()
    {
        await using var h = await WisePluginHarness.StartAsync(s => s["RatePairs"] = "EUR/USD", scaKey: true);
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath is "/v2/profiles" or "/v4/profiles/30000001/balances");
        h.Server.AddSequence(
            new FixtureEntry { Path = "/v4/profiles/30000002/balances", Status = 503 },
            new FixtureEntry { Path = "/v4/profiles/30000002/balances", Status = 401, Body = """{"error":"invalid_token"}"""u8.ToArray() });
        h.Server.AddSequence(
            new FixtureEntry { Path = "/v1/rates", Status = 429, ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "3" } },
            new FixtureEntry { Path = "/v1/rates", Body = WisePluginHarness.Fixture("v1-rates.json") });
        h.Server.Handle("GET", "/v1/profiles/30000001/activities", ctx =>
        {
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync("""{"cursor": null, "activities": []}""");
        });
        h.Server.Handle("GET", "/v1/profiles/30000001/balance-statements/200001/statement.json", ctx =>
        {
            // Always refuse, so the signed repeat (with the signature) is sent and refused.
            ctx.Response.StatusCode = 403;
            ctx.Response.Headers["x-2fa-approval"] = "ott-1";
            return Task.CompletedTask;
        });

        var balances = await h.RunAsync(BalanceSyncTask.Id);
        var transactions = await h.RunAsync(TransactionSyncTask.Id, new JsonObject { ["page_size"] = 10 });
        var rates = await h.RunAsync(ExchangeRateSyncTask.Id);

        Assert.Equal("CredentialsError", balances.Result.ErrorType);
        Assert.Equal("CredentialsError", transactions.Result.ErrorType); // stopped at profile 30000002's 401
        Assert.True(rates.Result.Succeeded, rates.Result.Error);
        Assert.Contains(h.Server.Requests, r => r.Header("X-Signature") is { Length: > 0 });
        Assert.Contains(h.Host.Logs.Entries, e => e.Category.Contains("HttpClient", StringComparison.Ordinal));
        Assert.Contains(h.Host.Logs.Entries, e => e.Level == LogLevel.Trace);
        h.AssertSecretsNeverLeaked();
    }
}
