namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>Settings of the 'tiantian' (eastmoney) client. Bound from <c>Plugins:fund:*</c>.</summary>
public sealed record TiantianSettings
{
    /// <summary>Host of the intraday estimate (<c>fundgz</c>).</summary>
    public Uri EstimateBaseUrl { get; init; } = new("https://fundgz.1234567.com.cn");

    /// <summary>Host of the NAV history (<c>f10/lsjz</c>).</summary>
    public Uri HistoryBaseUrl { get; init; } = new("https://api.fund.eastmoney.com");

    /// <summary>
    /// Least time between two requests to one host. The endpoints are unofficial and scrape-protected, so the client
    /// stays near one request a second per host. <see cref="TimeSpan.Zero"/> disables pacing (tests).
    /// </summary>
    public TimeSpan RequestInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Random extra wait added to <see cref="RequestInterval"/> (0 to this value), so calls do not tick like a bot.</summary>
    public TimeSpan RequestJitter { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Retries of one request after a soft error of the source itself (HTTP 200 with a body that is not the expected
    /// JSON/JSONP: an error page, an empty or truncated body). The task's <c>retry_times</c>. Generic HTTP failures
    /// (5xx, 429, timeouts) are retried by the host's resilience pipeline, not here.
    /// </summary>
    public int RetryTimes { get; init; } = 3;

    /// <summary>Page size asked of <c>f10/lsjz</c>. Only a request: paging follows what the server answers.</summary>
    public int HistoryPageSize { get; init; } = 20;

    /// <summary>Ask <c>f10/lsjz</c> for JSONP (a <c>callback</c> parameter), as the eastmoney pages do. Plain JSON by default.</summary>
    public bool HistoryUseJsonp { get; init; }

    /// <summary>Browser-like User-Agent sent with every request (the endpoints serve eastmoney's own web pages).</summary>
    public string UserAgent { get; init; } =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
}
