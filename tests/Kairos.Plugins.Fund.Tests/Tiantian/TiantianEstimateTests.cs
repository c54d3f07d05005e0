using System.Text;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Fund.Tests.Tiantian;

public sealed class TiantianEstimateTests
{
    [Fact]
    public async Task GetEstimate_RecordedSuccess_ParsesEveryFieldExactly()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath.StartsWith("/js/", StringComparison.Ordinal));

        var estimate = await h.Client.GetEstimateAsync("000001");

        Assert.NotNull(estimate);
        Assert.Equal("000001", estimate.Code);
        Assert.Equal("华夏成长混合", estimate.Name);
        Assert.Equal("1.1090", estimate.OfficialNav.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2024, 5, 31), estimate.OfficialNavDate);
        Assert.Equal(1.1152m, estimate.EstimatedNav);
        Assert.Equal(0.56m, estimate.EstimatedChangePercent);
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 15, 0, 0, TimeSpan.FromHours(8)), estimate.EstimateTime);
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("/js/000001.js?rt=1717398000000", request.PathAndQuery);
        Assert.Contains("Mozilla/5.0", request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEstimate_EmptyCallback_ReturnsNullAsNoEstimate()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Load(f => f.Case.StartsWith("error: fund has no estimate", StringComparison.Ordinal));

        var estimate = await h.Client.GetEstimateAsync("000009");

        Assert.Null(estimate);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task GetEstimate_ErrorPageThenSuccess_RetriesTheSoftError()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.AddSequence(
            new FixtureEntry { Path = "/js/000001.js", Body = "<html>系统繁忙</html>"u8.ToArray(), ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "text/html" } },
            new FixtureEntry { Path = "/js/000001.js", Body = TiantianHarness.Fixture("fundgz-js.success.js") });

        var estimate = await h.Client.GetEstimateAsync("000001");

        Assert.Equal(1.1152m, estimate?.EstimatedNav);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Contains(h.Logs.Entries, e => e.Message.Contains("unexpected body", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<html>error</html>")]
    [InlineData("jsonpgz({\"fundcode\":\"000001\",\"name\":\"x\"")]
    [InlineData("")]
    [InlineData("jsonpgz({\"fundcode\":\"000001\",\"name\":\"x\",\"jzrq\":\"2024-05-31\",\"dwjz\":\"abc\",\"gsz\":\"1\",\"gszzl\":\"0\",\"gztime\":\"2024-06-03 15:00\"});")]
    public async Task GetEstimate_MalformedBodyEveryTime_ThrowsParseAfterRetryTimes(string body)
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { RetryTimes = 2 });
        h.Server.Add(new FixtureEntry { Path = "/js/000001.js", Body = Encoding.UTF8.GetBytes(body) });

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetEstimateAsync("000001"));

        Assert.Equal(TiantianErrorKind.Parse, ex.Kind);
        Assert.Equal("000001", ex.FundCode);
        Assert.Equal(TiantianClient.EstimateEndpoint, ex.Endpoint);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task GetEstimate_ServerErrorEveryTime_ThrowsTransportAfterThePipelineRetries()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Map("GET", "/js/000001.js", 503, "busy", "text/plain");

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetEstimateAsync("000001"));

        Assert.Equal(TiantianErrorKind.Transport, ex.Kind);
        Assert.Equal(503, ex.StatusCode);
        // One attempt plus the pipeline's two retries; the client does not retry transport errors itself.
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task GetEstimate_ServerUnreachable_ThrowsTransport()
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { EstimateBaseUrl = new Uri("http://127.0.0.1:1") });

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetEstimateAsync("000001"));

        Assert.Equal(TiantianErrorKind.Transport, ex.Kind);
    }

    [Theory]
    [InlineData("00001")]
    [InlineData("0000012")]
    [InlineData("00000a")]
    [InlineData("")]
    [InlineData("１２３４５６")]
    public async Task GetEstimate_InvalidCode_ThrowsArgumentWithoutARequest(string code)
    {
        await using var h = await TiantianHarness.StartAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetEstimateAsync(code));

        Assert.Contains("6 digits", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task GetEstimate_WithPacing_SecondRequestWaitsForTheInterval()
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { RequestInterval = TimeSpan.FromSeconds(1), RequestJitter = TimeSpan.Zero });
        h.Load(f => f.Case == "success" && f.Url.AbsolutePath.StartsWith("/js/", StringComparison.Ordinal), "rt");

        await h.Client.GetEstimateAsync("000001");
        var second = h.Client.GetEstimateAsync("000001");

        Assert.False(second.IsCompleted);
        Assert.Single(h.Server.Requests);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await second);
        Assert.Equal(2, h.Server.Requests.Count);
    }
}
