using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Testing.Http;
using Kairos.Testing.Logging;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseTokenLoggingTests
{
    /// <summary>
    /// Why the token is added by <see cref="WiseAuthenticationHandler"/> below the factory's handlers: a header set above
    /// them is redacted in the formatted Trace message but handed raw to structured providers in the log state. If .NET
    /// stops doing that, this test fails and the design can be simplified.
    /// </summary>
    [Fact]
    public async Task HeaderSetAboveTheFactoryLogging_ReachesTheStructuredLogState()
    {
        await using var server = await FixtureServer.StartAsync();
        server.Map("GET", "/v1/rates", 200, "[]");
        var logs = new LogCapture();
        using var clients = new TestHttpClients(logs);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "/v1/rates"));
        request.Headers.Authorization = new("Bearer", WiseHarness.Token);

        using var response = await clients.CreateClient().SendAsync(request);

        var headerEntries = logs.Entries.Where(e => e.Message.StartsWith("Request Headers:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(headerEntries);
        Assert.All(headerEntries, e => Assert.DoesNotContain(WiseHarness.Token, e.Message, StringComparison.Ordinal));
        Assert.Contains(headerEntries, e => e.State.Any(v => v.Contains(WiseHarness.Token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithoutTheAuthenticationHandler_FailsClearlyAndSendsNoToken()
    {
        await using var server = await FixtureServer.StartAsync();
        server.Map("GET", "/v2/profiles", 200, "[]");
        var logs = new LogCapture();
        using var clients = new TestHttpClients(logs);
        var client = new WiseClient(clients.CreateClient(), new WiseSettings { BaseUrl = server.BaseUri, ApiToken = WiseHarness.Token }, TimeProvider.System, clients.Logger<WiseClient>());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetProfilesAsync());

        Assert.Contains(nameof(WiseAuthenticationHandler), ex.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task EveryRetryAttempt_CarriesTheTokenOnce()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.AddSequence(
            new FixtureEntry { Path = "/v1/rates", Status = 503 },
            new FixtureEntry { Path = "/v1/rates", Body = WiseHarness.Fixture("v1-rates.json") });

        await h.Client.GetCurrentRateAsync("EUR", "USD");

        Assert.Equal(2, h.Server.Requests.Count);
        Assert.All(h.Server.Requests, r => Assert.Equal("Bearer " + WiseHarness.Token, r.Header("Authorization")));
        h.AssertTokenNeverLeaked();
    }
}
