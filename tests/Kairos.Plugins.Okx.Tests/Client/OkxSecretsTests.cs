using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxSecretsTests
{
    [Fact]
    public async Task Secrets_and_signatures_never_reach_the_logs_at_trace_or_exception_messages()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "success (spot mode account)");
        okx.Load("/api/v5/asset/balances", "success (funding account)");
        okx.Server.Add(okx.SignedBody("/api/v5/account/positions", """{"code":"50120","data":[],"msg":"API key doesn't have permission"}"""));

        await okx.Client.GetTradingBalanceAsync();
        await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);
        var error = await Assert.ThrowsAsync<OkxCredentialsException>(() => okx.Client.GetPositionsAsync());

        var signatures = okx.Server.Requests.Select(r => r.Header("OK-ACCESS-SIGN")).OfType<string>().ToList();
        Assert.Equal(3, signatures.Count);
        var logs = okx.Logs.AllText;
        // The capture really saw the HTTP stack's own logs, request by request, at Trace.
        Assert.Contains(okx.Logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal) && e.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        Assert.Contains(okx.Logs.Entries, e => e.Category == typeof(Kairos.Plugins.Okx.Client.OkxClient).FullName);
        foreach (var secret in new[] { OkxHarness.ApiKey, OkxHarness.SecretKey, OkxHarness.Passphrase }.Concat(signatures))
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain(OkxHarness.SecretKey, okx.Settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_stay_out_of_logs_when_every_call_fails()
    {
        await using var okx = await OkxHarness.StartAsync(s => new() { BaseUrl = s.BaseUrl, ApiKey = s.ApiKey, SecretKey = "a-different-secret-value-XYZ", Passphrase = s.Passphrase });
        okx.Load("/api/v5/account/balance", "success (spot mode account)");

        var error = await Assert.ThrowsAsync<OkxCredentialsException>(() => okx.Client.GetTradingBalanceAsync());

        var logs = okx.Logs.AllText;
        foreach (var secret in new[] { OkxHarness.ApiKey, "a-different-secret-value-XYZ", OkxHarness.Passphrase })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_the_signing_handler_private_calls_fail_clearly_and_send_no_secret()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "success (spot mode account)");
        var logs = new LogCapture();
        using var plain = new TestHttpClients(logs);
        var client = new OkxClient(plain.CreateClient(), okx.Settings, okx.Time, plain.Logger<OkxClient>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTradingBalanceAsync());

        Assert.Contains(nameof(OkxSigningHandler), error.Message, StringComparison.Ordinal);
        var request = Assert.Single(okx.Server.RequestsTo("/api/v5/account/balance"));
        Assert.Null(request.Header("OK-ACCESS-KEY"));
        Assert.Null(request.Header("OK-ACCESS-PASSPHRASE"));
    }
}
