using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Tests.Flex;

public class FlexSecretsTests
{
    [Fact]
    public async Task The_token_never_appears_in_logs_at_trace_results_or_exceptions()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadFlexSequence("success", "error: not ready yet (retry)", "success (one account)");
        var fetch = ibkr.Flex().FetchStatementAsync();
        ibkr.Time.Advance(await ibkr.Time.NextDelayAsync(fetch));
        var result = await fetch;

        var failing = ibkr.Flex(s => new() { FlexBaseUrl = s.FlexBaseUrl, FlexToken = IbkrHarness.ExpiredToken, FlexQueryId = s.FlexQueryId });
        ibkr.LoadFlexSequence("error: expired token (fatal)");
        var error = await Assert.ThrowsAsync<IbkrFlexException>(() => failing.FetchStatementAsync());

        // The token really travelled (in the URL query)…
        Assert.Contains(ibkr.Server.Requests, r => r.QueryValue("t") == IbkrHarness.FlexToken);
        Assert.Contains(ibkr.Server.Requests, r => r.QueryValue("t") == IbkrHarness.ExpiredToken);
        // …the HTTP stack's own logs were captured, at Trace, with the request URIs…
        var httpLogs = ibkr.Logs.ForCategory("System.Net.Http.HttpClient.");
        Assert.Contains(httpLogs, e => e.Level == LogLevel.Trace);
        Assert.Contains(httpLogs, e => e.Message.Contains("/AccountManagement/FlexWebService/GetStatement", StringComparison.Ordinal));
        Assert.Contains(ibkr.Logs.Entries, e => e.Category == typeof(IbkrFlexClient).FullName && e.Message.Contains("t=***", StringComparison.Ordinal));
        // …and no log (message, state, scopes, exceptions), result or exception carries it.
        var logs = ibkr.Logs.AllText;
        foreach (var token in new[] { IbkrHarness.FlexToken, IbkrHarness.ExpiredToken })
        {
            Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(token, System.Text.Json.JsonSerializer.Serialize(result), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_ToString_masks_the_token()
    {
        var text = new IbkrFlexSettings { FlexToken = IbkrHarness.FlexToken, FlexQueryId = "1" }.ToString();

        Assert.DoesNotContain(IbkrHarness.FlexToken, text, StringComparison.Ordinal);
        Assert.Contains("FlexToken = ***", text, StringComparison.Ordinal);
    }
}
