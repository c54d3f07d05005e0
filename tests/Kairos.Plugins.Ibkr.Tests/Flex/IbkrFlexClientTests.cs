using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Tests.Support;

namespace Kairos.Plugins.Ibkr.Tests.Flex;

public class IbkrFlexClientTests
{
    private const string SendPath = "/AccountManagement/FlexWebService/SendRequest";
    private const string GetPath = "/AccountManagement/FlexWebService/GetStatement";

    private static readonly string InProgress = IbkrHarness.Fixture("flex-GetStatement.error-1019.xml");

    [Fact]
    public async Task SendRequest_then_in_progress_then_the_statement_polls_after_a_backoff()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadFlexSequence("success", "error: not ready yet (retry)", "success (one account)");
        var client = ibkr.Flex();

        var fetch = client.FetchStatementAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), await ibkr.Time.NextDelayAsync(fetch));
        Assert.False(fetch.IsCompleted);
        Assert.Single(ibkr.Server.RequestsTo(GetPath));
        ibkr.Time.Advance(TimeSpan.FromSeconds(5));
        var result = await fetch;

        var statement = Assert.Single(result.Statements);
        Assert.Equal("U9876543", statement.AccountId);
        Assert.Equal(2, ibkr.Server.RequestsTo(GetPath).Count);
        var send = Assert.Single(ibkr.Server.RequestsTo(SendPath));
        Assert.Equal((IbkrHarness.FlexToken, IbkrHarness.QueryId, "3"), (send.QueryValue("t"), send.QueryValue("q"), send.QueryValue("v")));
        Assert.Equal("Java", send.Header("User-Agent"));
        Assert.All(ibkr.Server.RequestsTo(GetPath), r => Assert.Equal("4012345678", r.QueryValue("q")));
    }

    [Fact]
    public async Task Polling_backs_off_exponentially()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
        ibkr.Server.AddSequence(
            Entry(GetPath, InProgress),
            Entry(GetPath, InProgress),
            Entry(GetPath, InProgress),
            Entry(GetPath, IbkrHarness.Fixture("flex-GetStatement.success.xml")));
        var fetch = ibkr.Flex().FetchStatementAsync();

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            delays.Add(await ibkr.Time.NextDelayAsync(fetch));
            ibkr.Time.Advance(delays[^1]);
        }
        await fetch;

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], delays);
        Assert.Equal(4, ibkr.Server.RequestsTo(GetPath).Count);
    }

    [Fact]
    public async Task Polling_gives_up_at_the_deadline()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
        ibkr.Server.Map("GET", GetPath, 200, InProgress, "text/xml");
        var fetch = ibkr.Flex(s => new() { FlexBaseUrl = s.FlexBaseUrl, FlexToken = s.FlexToken, FlexQueryId = s.FlexQueryId, PollTimeout = TimeSpan.FromSeconds(30) })
            .FetchStatementAsync();

        ibkr.Time.Advance(await ibkr.Time.NextDelayAsync(fetch)); // 5 s
        ibkr.Time.Advance(await ibkr.Time.NextDelayAsync(fetch)); // 10 s; the next 20 s would pass the 30 s deadline
        var error = await Assert.ThrowsAsync<IbkrFlexException>(() => fetch);

        Assert.Equal(FlexErrorKind.Timeout, error.Kind);
        Assert.Equal(1019, error.Code);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, ibkr.Server.RequestsTo(GetPath).Count);
    }

    [Fact]
    public async Task Expired_token_is_a_clear_credentials_error_without_polling()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.LoadFlexSequence("error: expired token (fatal)");

        var error = await Assert.ThrowsAsync<IbkrFlexException>(() =>
            ibkr.Flex(s => new() { FlexBaseUrl = s.FlexBaseUrl, FlexToken = IbkrHarness.ExpiredToken, FlexQueryId = s.FlexQueryId }).FetchStatementAsync());

        Assert.Equal(1012, error.Code);
        Assert.Equal(FlexErrorKind.Credentials, error.Kind);
        Assert.Equal("CredentialsError", error.ErrorType);
        Assert.False(error.IsRetryable);
        Assert.Contains("token has expired", error.Message, StringComparison.Ordinal);
        Assert.Contains("Plugins:ibkr:FlexToken", error.Message, StringComparison.Ordinal);
        Assert.Single(ibkr.Server.Requests);
        Assert.False(ibkr.Time.HasPendingDelay);
        Assert.DoesNotContain(IbkrHarness.ExpiredToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_query_on_GetStatement_is_a_configuration_error()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
        ibkr.Server.Map("GET", GetPath, 200, Failure(1014, "Query is invalid."), "text/xml");

        var error = await Assert.ThrowsAsync<IbkrFlexException>(() => ibkr.Flex().FetchStatementAsync());

        Assert.Equal((1014, FlexErrorKind.Configuration), (error.Code, error.Kind));
        Assert.Contains("Plugins:ibkr:FlexQueryId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_reference_code_restarts_the_request_once()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("GET", SendPath, 200, IbkrHarness.Fixture("flex-SendRequest.success.xml"), "text/xml");
        ibkr.Server.AddSequence(
            Entry(GetPath, Failure(1017, "Reference code is invalid.")),
            Entry(GetPath, IbkrHarness.Fixture("flex-GetStatement.success.xml")));

        var result = await ibkr.Flex().FetchStatementAsync();

        Assert.Single(result.Statements);
        Assert.Equal(2, ibkr.Server.RequestsTo(SendPath).Count);
    }

    [Fact]
    public async Task Too_many_requests_waits_at_least_ten_seconds()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.AddSequence(
            Entry(SendPath, Failure(1018, "Too many requests have been made from this token.")),
            Entry(SendPath, IbkrHarness.Fixture("flex-SendRequest.success.xml")));
        ibkr.Server.Map("GET", GetPath, 200, IbkrHarness.Fixture("flex-GetStatement.success.xml"), "text/xml");
        var fetch = ibkr.Flex().FetchStatementAsync();

        var delay = await ibkr.Time.NextDelayAsync(fetch);
        ibkr.Time.Advance(delay);
        await fetch;

        Assert.Equal(TimeSpan.FromSeconds(10), delay);
        Assert.Equal(2, ibkr.Server.RequestsTo(SendPath).Count);
    }

    [Fact]
    public async Task Missing_settings_fail_before_any_request()
    {
        await using var ibkr = await IbkrHarness.StartAsync();

        var error = await Assert.ThrowsAsync<IbkrFlexException>(() =>
            ibkr.Flex(s => new() { FlexBaseUrl = s.FlexBaseUrl, FlexQueryId = s.FlexQueryId }).FetchStatementAsync());

        Assert.Equal(FlexErrorKind.Configuration, error.Kind);
        Assert.Empty(ibkr.Server.Requests);
    }

    [Fact]
    public async Task Http_errors_and_garbage_are_classified()
    {
        await using var ibkr = await IbkrHarness.StartAsync();
        ibkr.Server.Map("GET", SendPath, 503, "down", "text/plain");
        var down = await Assert.ThrowsAsync<IbkrFlexException>(() => ibkr.Flex().FetchStatementAsync());
        Assert.Equal(FlexErrorKind.Service, down.Kind);
        Assert.Equal(2, ibkr.Server.Requests.Count); // the pipeline retried the 503 once

        ibkr.Server.Reset();
        ibkr.Server.Map("GET", SendPath, 200, "<html><body>maintenance", "text/html");
        await Assert.ThrowsAsync<Kairos.Plugins.Ibkr.IbkrParseException>(() => ibkr.Flex().FetchStatementAsync());
    }

    [Fact]
    public void The_statement_url_named_by_SendRequest_is_used_only_when_it_is_ibkrs()
    {
        var ibkr = new Uri("https://gdcdyn.interactivebrokers.com/AccountManagement/FlexWebService/GetStatement");
        Assert.Equal(ibkr, FlexUrls.StatementUrl(null, ibkr.ToString(), out var trusted));
        Assert.True(trusted);

        var fallback = new Uri("https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService/GetStatement");
        Assert.Equal(fallback, FlexUrls.StatementUrl(null, "http://gdcdyn.interactivebrokers.com/GetStatement", out trusted));
        Assert.False(trusted);
        Assert.Equal(fallback, FlexUrls.StatementUrl(null, "https://evil.example.com/interactivebrokers.com/GetStatement", out trusted));
        Assert.False(trusted);
        Assert.Equal(fallback, FlexUrls.StatementUrl(null, null, out trusted));
        Assert.True(trusted);

        var configured = new Uri("http://127.0.0.1:5555/flex");
        Assert.Equal(new Uri("http://127.0.0.1:5555/flex/GetStatement"), FlexUrls.StatementUrl(configured, ibkr.ToString(), out trusted));
        Assert.True(trusted);
    }

    private static Kairos.Testing.Http.FixtureEntry Entry(string path, string xml) => new()
    {
        Path = path,
        Body = System.Text.Encoding.UTF8.GetBytes(xml),
        ResponseHeaders = new Dictionary<string, string> { ["Content-Type"] = "text/xml;charset=UTF-8" },
    };

    private static string Failure(int code, string message) =>
        $"<FlexStatementResponse timestamp=\"03 June, 2024 04:10 AM EDT\"><Status>Fail</Status><ErrorCode>{code}</ErrorCode><ErrorMessage>{message}</ErrorMessage></FlexStatementResponse>";
}
