using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;
using Kairos.Sdk.Http;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseErrorTests
{
    private const string BalancesPath = "/v4/profiles/30000001/balances";
    private static readonly DateTimeOffset Since = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2024, 6, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The pipeline on the fake clock: long timeouts so only the retry delays matter.</summary>
    private static readonly HttpResilienceSettings FakeClockResilience = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromHours(1),
        TotalTimeout = TimeSpan.FromHours(2),
    };

    [Fact]
    public async Task Unauthorized_ThrowsCredentialsErrorWithoutRetrying()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Case == "error: bad or revoked token");

        var ex = await Assert.ThrowsAsync<WiseCredentialsException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Equal(401, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal("GET " + BalancesPath, ex.Endpoint);
        Assert.Contains("Plugins:wise:ApiToken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid token", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
        h.AssertTokenNeverLeaked(ex);
    }

    [Fact]
    public async Task RateLimitedOnce_WaitsForRetryAfterThenRepeatsTheSamePage()
    {
        await using var h = await WiseHarness.StartAsync(resilience: FakeClockResilience, fakePipelineTime: true);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seenAt = new List<DateTimeOffset>();
        h.Server.Handle("GET", "/v1/profiles/30000001/activities", async ctx =>
        {
            int n;
            lock (seenAt)
            {
                seenAt.Add(h.Time.GetUtcNow());
                n = seenAt.Count;
            }
            if (n == 1)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers["Retry-After"] = "5";
                ctx.Response.Headers["X-Rate-Limited-By"] = "wise-public-api";
                return;
            }
            var page = ctx.Request.Query.ContainsKey("nextCursor") ? "v1-profiles-activities.page2.json" : "v1-profiles-activities.page1.json";
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(WiseHarness.Fixture(page));
        });

        var call = h.Client.GetActivitiesAsync(WiseHarness.ProfileId, Since, Until, pageSize: 2);
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5), guard.Token);
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        var activities = await call;

        Assert.Equal(3, activities.Count);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal(h.Server.Requests[0].PathAndQuery, h.Server.Requests[1].PathAndQuery);
        Assert.True(seenAt[1] - seenAt[0] >= TimeSpan.FromSeconds(5), $"repeat came after {seenAt[1] - seenAt[0]}");
        h.AssertTokenNeverLeaked(activities);
    }

    [Fact]
    public async Task RateLimitedEveryTime_ThrowsRateLimitErrorWithRetryAfter()
    {
        await using var h = await WiseHarness.StartAsync(resilience: FakeClockResilience, fakePipelineTime: true);
        h.Load(f => f.Case == "error: rate limited");

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var call = h.Client.GetActivitiesAsync(WiseHarness.ProfileId, Since, Until, pageSize: 2);
        for (var retry = 0; retry < FakeClockResilience.MaxRetries; retry++)
        {
            await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5), guard.Token);
            h.Time.Advance(TimeSpan.FromSeconds(5));
        }
        var ex = await Assert.ThrowsAsync<WiseRateLimitException>(() => call);

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.True(ex.IsTransient);
        Assert.Contains("wise-public-api", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + FakeClockResilience.MaxRetries, h.Server.Requests.Count);
        h.AssertTokenNeverLeaked(ex);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrorEveryTime_ThrowsTransportErrorAfterThePipelineRetries(int status)
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", BalancesPath, status, "<html>oops</html>", "text/html");

        var ex = await Assert.ThrowsAsync<WiseTransportException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1 + WiseHarness.FastResilience.MaxRetries, h.Server.Requests.Count);
        h.AssertTokenNeverLeaked(ex);
    }

    [Fact]
    public async Task ServerErrorThenSuccess_IsRetriedByThePipeline()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.AddSequence(
            new FixtureEntry { Path = BalancesPath, Status = 503 },
            new FixtureEntry { Path = BalancesPath, Body = WiseHarness.Fixture("v4-profiles-balances.json") });

        var balances = await h.Client.GetBalancesAsync(WiseHarness.ProfileId);

        Assert.Equal(2, balances.Count);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Unreachable_ThrowsTransportError()
    {
        await using var h = await WiseHarness.StartAsync(s => s with { BaseUrl = new Uri("http://127.0.0.1:1") });

        var ex = await Assert.ThrowsAsync<WiseTransportException>(() => h.Client.GetProfilesAsync());

        Assert.Equal("GET /v2/profiles", ex.Endpoint);
        Assert.DoesNotContain(WiseHarness.Token, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WiseHarness.Token, h.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"id\": 200001, \"currency\": \"EUR\", \"amount\": {\"value\": 1.5")]          // truncated
    [InlineData("<html>maintenance</html>")]                                                       // not JSON
    [InlineData("[{\"id\": 200001, \"type\": \"STANDARD\", \"amount\": {\"value\": 1, \"currency\": \"EUR\"}}]")] // no currency
    [InlineData("[{\"id\": \"x\", \"currency\": \"EUR\"}]")]                                       // wrong type
    [InlineData("{\"balances\": []}")]                                                            // object, not array
    [InlineData("null")]
    public async Task MalformedBody_ThrowsParseErrorNamingTheEndpoint(string body)
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", BalancesPath, 200, body);

        var ex = await Assert.ThrowsAsync<WiseParseException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Equal("GET " + BalancesPath, ex.Endpoint);
        Assert.StartsWith("GET " + BalancesPath, ex.Message, StringComparison.Ordinal);
        h.AssertTokenNeverLeaked(ex);
    }

    [Fact]
    public async Task NotFound_ThrowsRequestError()
    {
        await using var h = await WiseHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<WiseRequestException>(() => h.Client.GetBalancesAsync(99));

        Assert.Equal(404, ex.StatusCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task ForbiddenWithoutScaChallenge_ThrowsCredentialsError()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", BalancesPath, 403, """{"errors":[{"code":"forbidden","message":"Personal tokens cannot access this"}]}""");

        var ex = await Assert.ThrowsAsync<WiseCredentialsException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Contains("Personal tokens cannot access this", ex.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task ErrorBodyEchoingTheToken_IsRedactedInTheMessage()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", BalancesPath, 400, $$"""{"message":"bad header Bearer {{WiseHarness.Token}}"}""");

        var ex = await Assert.ThrowsAsync<WiseRequestException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Contains("Bearer ***", ex.Message, StringComparison.Ordinal);
        h.AssertTokenNeverLeaked(ex);
    }
}
