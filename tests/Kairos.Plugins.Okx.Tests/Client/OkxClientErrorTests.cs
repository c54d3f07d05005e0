using System.Text;
using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxClientErrorTests
{
    private const string RateLimitedBody = """{"code":"50011","data":[],"msg":"Rate limit reached. Please refer to API documentation and throttle requests accordingly."}""";

    [Fact]
    public async Task Rate_limit_with_http_200_backs_off_on_the_clock_and_retries()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.AddSequence(
            okx.SignedBody("/api/v5/account/balance", RateLimitedBody),
            okx.Signed(new OkxFixture("account-balance.json").Entry("/api/v5/account/balance")));

        var call = okx.Client.GetTradingBalanceAsync();
        Assert.Equal(TimeSpan.FromSeconds(2), await okx.Time.NextDelayAsync(call));
        Assert.False(call.IsCompleted);
        okx.Time.Advance(TimeSpan.FromSeconds(2));
        var balance = await call;

        Assert.Equal(5372.4876m, balance.TotalEquityUsd);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/account/balance").Count);
    }

    [Fact]
    public async Task Rate_limit_with_http_429_is_retried_by_the_pipeline_then_by_the_client()
    {
        await using var okx = await OkxHarness.StartAsync();
        var limited = new OkxFixture("account-balance.error-50011.json") { Status = 429 }.Entry("/api/v5/account/balance");
        okx.Server.AddSequence(
            okx.Signed(limited),
            okx.Signed(limited),
            okx.Signed(new OkxFixture("account-balance.json").Entry("/api/v5/account/balance")));

        var call = okx.Client.GetTradingBalanceAsync();
        // The pipeline (1 retry) sees two 429s; then the client backs off for the endpoint window.
        Assert.Equal(TimeSpan.FromSeconds(2), await okx.Time.NextDelayAsync(call));
        okx.Time.Advance(TimeSpan.FromSeconds(2));
        var balance = await call;

        Assert.Equal(2, balance.Currencies.Count);
        Assert.Equal(3, okx.Server.RequestsTo("/api/v5/account/balance").Count);
    }

    [Fact]
    public async Task Rate_limit_backoff_doubles_and_gives_up_after_the_bounded_retries()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Add(okx.SignedBody("/api/v5/account/balance", RateLimitedBody));

        var call = okx.Client.GetTradingBalanceAsync();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var delay = await okx.Time.NextDelayAsync(call);
            delays.Add(delay);
            okx.Time.Advance(delay);
        }
        var error = await Assert.ThrowsAsync<OkxRateLimitException>(() => call);

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], delays);
        Assert.Equal(4, okx.Server.RequestsTo("/api/v5/account/balance").Count);
        Assert.Equal("50011", error.Code);
        Assert.True(error.IsRetryable);
        Assert.Equal("RateLimited", error.ErrorType);
    }

    [Fact]
    public async Task Funding_balance_backoff_starts_at_its_one_second_window()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.AddSequence(
            okx.SignedBody("/api/v5/asset/balances", RateLimitedBody),
            okx.SignedBody("/api/v5/asset/balances", """{"code":"0","msg":"","data":[]}"""));

        var call = okx.Client.GetFundingBalancesAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), await okx.Time.NextDelayAsync(call));
        okx.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await call);
    }

    [Fact]
    public async Task Bad_api_key_is_a_credentials_error_without_retry()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "error: bad API key");

        var error = await Assert.ThrowsAsync<OkxCredentialsException>(() => okx.Client.GetTradingBalanceAsync());

        Assert.Equal("50111", error.Code);
        Assert.Equal(401, error.HttpStatus);
        Assert.False(error.IsRetryable);
        Assert.Contains("Plugins:okx:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Single(okx.Server.RequestsTo("/api/v5/account/balance"));
        Assert.False(okx.Time.HasPendingDelay);
    }

    [Theory]
    [InlineData("wrong-key", OkxHarness.SecretKey, OkxHarness.Passphrase, "50111", "Plugins:okx:ApiKey")]
    [InlineData(OkxHarness.ApiKey, "0000000000000000000000000000000", OkxHarness.Passphrase, "50113", "Plugins:okx:SecretKey")]
    [InlineData(OkxHarness.ApiKey, OkxHarness.SecretKey, "wrong-phrase", "50105", "Plugins:okx:Passphrase")]
    public async Task The_verifying_server_rejects_wrong_credentials_and_the_client_does_not_loop(string key, string secret, string passphrase, string code, string hint)
    {
        await using var okx = await OkxHarness.StartAsync(s => new() { BaseUrl = s.BaseUrl, ApiKey = key, SecretKey = secret, Passphrase = passphrase });
        okx.Load("/api/v5/account/balance", "success (spot mode account)");

        var error = await Assert.ThrowsAsync<OkxCredentialsException>(() => okx.Client.GetTradingBalanceAsync());

        Assert.Equal(code, error.Code);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Single(okx.Server.RequestsTo("/api/v5/account/balance"));
        Assert.Empty(okx.AcceptedSignatures);
    }

    [Fact]
    public async Task Rejected_timestamp_resyncs_the_clock_once_then_is_a_clock_error()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "error: clock skew / stale timestamp");

        var error = await Assert.ThrowsAsync<OkxClockException>(() => okx.Client.GetTradingBalanceAsync());

        Assert.Equal("50102", error.Code);
        Assert.Equal("ClockError", error.ErrorType);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/account/balance").Count);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/public/time").Count);
    }

    [Fact]
    public async Task Rejected_timestamp_succeeds_after_the_resync_when_the_server_clock_jumped()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "success (spot mode account)");
        // First measurement: in sync. Then OKX's clock jumps 10 minutes ahead before the first signed call.
        await okx.Client.SynchronizeClockAsync();
        okx.ServerClockOffset = TimeSpan.FromMinutes(10);

        var balance = await okx.Client.GetTradingBalanceAsync();

        Assert.Equal(5372.4876m, balance.TotalEquityUsd);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/account/balance").Count);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/public/time").Count);
        Assert.Equal(TimeSpan.FromMinutes(10), okx.Client.ClockOffset);
    }

    [Fact]
    public async Task A_non_zero_code_with_http_200_is_an_error()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Add(okx.SignedBody("/api/v5/account/balance", """{"code":"51000","data":[],"msg":"Parameter ccy error"}"""));

        var error = await Assert.ThrowsAsync<OkxApiException>(() => okx.Client.GetTradingBalanceAsync(["???"]));

        Assert.Equal("51000", error.Code);
        Assert.Contains("Parameter ccy error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_parse_error()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Map("GET", "/api/v5/market/ticker", 200, "<html>maintenance</html>", "text/html");

        await Assert.ThrowsAsync<OkxParseException>(() => okx.Client.GetTickerAsync("BTC-USDT"));
    }

    [Fact]
    public async Task Server_errors_are_retried_by_the_pipeline_and_then_reported_as_service_errors()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Map("GET", "/api/v5/market/ticker", 503, """{"code":"50001","data":[],"msg":"Service temporarily unavailable"}""");

        var error = await Assert.ThrowsAsync<OkxServiceException>(() => okx.Client.GetTickerAsync("BTC-USDT"));

        Assert.Equal("50001", error.Code);
        Assert.True(error.IsRetryable);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/market/ticker").Count); // first attempt + the pipeline's retry
    }

    /// <summary>A fixture body served under a chosen status.</summary>
    private sealed record OkxFixture(string File)
    {
        public int Status { get; init; } = 200;

        public FixtureEntry Entry(string path) => new()
        {
            Path = path,
            Status = Status,
            Body = OkxHarness.Fixture(File),
            ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        };
    }
}
