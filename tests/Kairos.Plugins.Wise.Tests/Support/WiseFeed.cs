using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kairos.Plugins.Portfolio;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Wise.Tests.Support;

/// <summary>Wise's activity feed and statements as the transaction-sync tests serve them.</summary>
internal static class WiseFeed
{
    public const string Activities = "/v1/profiles/30000001/activities";
    public const string Balances = "/v4/profiles/30000001/balances";
    public const string EurStatement = "/v1/profiles/30000001/balance-statements/200001/statement.json";
    public const string UsdStatement = "/v1/profiles/30000001/balance-statements/200002/statement.json";
    public const string OneTimeToken = "5d2e9a10-4b6c-4e1d-9c3a-7f0e1d2c3b4a";
    public const string Cursor = "WyJQUklPUklUWSIsMTcxNzMyMDAwMDAwMCwiMTIzNDUiXQ==";

    public const string TransferId = "TU9ORVRBUllfQUNUSVZJVFk6OjMwMDAwMDAxOjpUUkFOU0ZFUjo6OTAwMDAwMQ==";
    public const string CardId = "TU9ORVRBUllfQUNUSVZJVFk6OjMwMDAwMDAxOjpDQVJEX1RSQU5TQUNUSU9OOjo3NzAwMQ==";
    public const string DepositId = "TU9ORVRBUllfQUNUSVZJVFk6OjMwMDAwMDAxOjpCQUxBTkNFX1RSQU5TQUNUSU9OOjo1NTAwMQ==";

    /// <summary>The fixtures' window: since 2024-05-01, until now (2024-06-03), two per page.</summary>
    public static JsonObject FixtureWindow(bool statements = true) => new() { ["since"] = "2024-05-01", ["page_size"] = 2, ["statements"] = statements };

    /// <summary>The harness for profile 30000001 (no profiles call).</summary>
    public static Task<WisePluginHarness> StartAsync(bool scaKey = false, Action<Dictionary<string, string?>>? settings = null) =>
        WisePluginHarness.StartAsync(s =>
        {
            s["ProfileId"] = "30000001";
            settings?.Invoke(s);
        }, scaKey);

    public static void ServeActivityPages(WisePluginHarness h) =>
        h.Load(f => f.Url.AbsolutePath == Activities && f.Case.StartsWith("success", StringComparison.Ordinal));

    /// <summary>
    /// Wise's statements: the EUR one behind strong customer authentication, answered only when the repeat carries the
    /// one-time token signed with the private key of <paramref name="uploadedKey"/> (verified here); the USD one empty.
    /// </summary>
    public static void ServeStatements(WisePluginHarness h, RSA? uploadedKey)
    {
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath == Balances);
        h.Server.Handle("GET", EurStatement, async ctx =>
        {
            var token = ctx.Request.Headers["x-2fa-approval"].ToString();
            var signature = ctx.Request.Headers["X-Signature"].ToString();
            if (token.Length == 0 || token != OneTimeToken || uploadedKey is null || !Verifies(uploadedKey, token, signature))
            {
                ctx.Response.StatusCode = 403;
                ctx.Response.Headers["x-2fa-approval-result"] = "REJECTED";
                ctx.Response.Headers["x-2fa-approval"] = OneTimeToken;
                return;
            }
            ctx.Response.Headers["x-2fa-approval-result"] = "APPROVED";
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(WisePluginHarness.Fixture("v1-profiles-balance-statements-statement.json"));
        });
        h.Server.Map("GET", UsdStatement, 200, """{"transactions": [], "endOfStatementBalance": {"value": 257.6, "currency": "USD"}, "query": {"currency": "USD", "accountId": 200002}}""");
    }

    public static async Task<Dictionary<string, PortfolioTransaction>> StoredAsync(WisePluginHarness h) =>
        (await h.Store.GetTransactionsAsync(new TransactionQuery { Source = "wise" })).Items.ToDictionary(t => t.ExternalId);

    public static string Page(string? cursor, params string[] activities) =>
        new JsonObject { ["cursor"] = cursor, ["activities"] = new JsonArray([.. activities.Select(a => JsonNode.Parse(a))]) }.ToJsonString();

    public static string Activity(string id, string type, string title, string amount, string created, string status = "COMPLETED", string resourceId = "1") => $$"""
        {"id": "{{id}}", "type": "{{type}}", "resource": {"type": "{{type}}", "id": "{{resourceId}}"}, "title": "{{title}}", "description": "",
         "primaryAmount": "{{amount}}", "secondaryAmount": "", "status": "{{status}}", "createdOn": "{{created}}", "updatedOn": "{{created}}"}
        """;

    private static bool Verifies(RSA key, string token, string signature)
    {
        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(token), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
