using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>
/// Client of the 'tiantian' (eastmoney) fund data source: the intraday estimate (<c>fundgz</c>) and the official NAV
/// history (<c>f10/lsjz</c>). See the integrations reference §1.
/// </summary>
/// <remarks>
/// The <see cref="HttpClient"/> is the host's plugin client, already wrapped in the resilience pipeline (retries of
/// 5xx/408/429 and network failures, timeouts, circuit breaker); this client only adds what is specific to the source:
/// pacing per host, the <c>Referer</c> header, retries of the source's soft errors (<see cref="TiantianSettings.RetryTimes"/>),
/// paging that follows the server, and error classification (<see cref="TiantianErrorKind"/>).
/// One instance is meant to live for one run: pacing and the "blocked" state are per instance.
/// </remarks>
public sealed partial class TiantianClient
{
    /// <summary>Name of the estimate endpoint in errors and logs.</summary>
    public const string EstimateEndpoint = "fundgz";

    /// <summary>Name of the history endpoint in errors and logs.</summary>
    public const string HistoryEndpoint = "f10/lsjz";

    private readonly HttpClient _http;
    private readonly TiantianSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RequestPacer _pacer;
    private volatile bool _historyBlocked;

    /// <param name="http">The host's HTTP client for this plugin.</param>
    /// <param name="settings">Base URLs, pacing, retries.</param>
    /// <param name="time">The clock (pacing and cache-busters).</param>
    /// <param name="logger">Where requests and soft errors are logged.</param>
    public TiantianClient(HttpClient http, TiantianSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.RetryTimes);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.HistoryPageSize, 1);
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
        _pacer = new RequestPacer(time, settings.RequestInterval, settings.RequestJitter);
    }

    /// <summary>True once the history endpoint answered "blocked"; later history calls fail fast without a request.</summary>
    public bool HistoryBlocked => _historyBlocked;

    /// <summary>
    /// The intraday estimate of a fund, or <c>null</c> when the source has none (money-market, suspended or unknown
    /// funds answer <c>jsonpgz();</c>): "no estimate" is an answer, not an error — keep the previous value.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not 6 digits.</exception>
    /// <exception cref="TiantianException"><see cref="TiantianErrorKind.Parse"/> or <see cref="TiantianErrorKind.Transport"/>.</exception>
    public Task<FundEstimate?> GetEstimateAsync(string code, CancellationToken cancellationToken = default)
    {
        FundCode.EnsureValid(code);
        return SendAsync(code, EstimateEndpoint, _settings.EstimateBaseUrl,
            () =>
            {
                var url = Combine(_settings.EstimateBaseUrl, $"/js/{code}.js?rt={CacheBuster()}");
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                AddBrowserHeaders(request, "https://fund.eastmoney.com/");
                return request;
            },
            TiantianParser.ParseEstimate,
            cancellationToken);
    }

    /// <summary>
    /// Official NAVs of a standard fund between two dates (inclusive as the source applies them; <c>null</c> = unbounded),
    /// oldest first, de-duplicated by date. Rows whose NAV is not yet published are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not 6 digits, or <paramref name="from"/> is after <paramref name="to"/>.</exception>
    /// <exception cref="TiantianException">
    /// <see cref="TiantianErrorKind.Blocked"/>; <see cref="TiantianErrorKind.UnknownCode"/> when an unbounded query finds nothing
    /// (a bounded query that finds nothing returns an empty list: there is simply nothing new); <see cref="TiantianErrorKind.Parse"/>;
    /// <see cref="TiantianErrorKind.Transport"/>.
    /// </exception>
    public async Task<IReadOnlyList<NavPoint>> GetNavHistoryAsync(string code, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rows = await GetHistoryRowsAsync(code, from, to, cancellationToken).ConfigureAwait(false);
        return rows
            .Where(r => !string.IsNullOrWhiteSpace(r.Dwjz))
            .Select(r => ToNavPoint(code, r))
            .ToArray();
    }

    /// <summary>
    /// The daily yields of a money-market fund (same endpoint and errors as <see cref="GetNavHistoryAsync"/>): income per
    /// 10,000 units and the 7-day annualised yield, oldest first. The source does not say whether a fund is money-market;
    /// the caller knows it from configuration.
    /// </summary>
    public async Task<IReadOnlyList<MoneyMarketYieldPoint>> GetMoneyMarketHistoryAsync(string code, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rows = await GetHistoryRowsAsync(code, from, to, cancellationToken).ConfigureAwait(false);
        return rows
            .Where(r => !string.IsNullOrWhiteSpace(r.Dwjz))
            .Select(r => Convert(code, r, row => new MoneyMarketYieldPoint(
                row.Date,
                TiantianParser.ParseDecimal(row.Dwjz.Trim(), "DWJZ"),
                TiantianParser.ParseOptionalDecimal(row.Ljjz, "LJJZ"),
                row.Sgzt,
                row.Shzt)))
            .ToArray();
    }

    private async Task<IReadOnlyList<LsjzRow>> GetHistoryRowsAsync(string code, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        FundCode.EnsureValid(code);
        if (from > to)
        {
            throw new ArgumentException($"History range is empty: from {from:yyyy-MM-dd} is after to {to:yyyy-MM-dd}.", nameof(from));
        }
        var rows = new List<LsjzRow>();
        var seen = new HashSet<DateOnly>();
        for (var pageIndex = 1; ; pageIndex++)
        {
            var page = await GetHistoryPageAsync(code, from, to, pageIndex, cancellationToken).ConfigureAwait(false);
            var added = 0;
            foreach (var row in page.Rows)
            {
                if (seen.Add(row.Date))
                {
                    rows.Add(row);
                    added++;
                }
            }
            LogPage(_logger, code, pageIndex, page.Rows.Count, added, page.TotalCount, page.PageSize);
            // Never trust the page size we asked for (the server caps it): stop on TotalCount or an empty page.
            if (page.Rows.Count == 0 || seen.Count >= page.TotalCount)
            {
                break;
            }
            if (added == 0)
            {
                throw new TiantianException(TiantianErrorKind.Parse, code, HistoryEndpoint,
                    $"{HistoryEndpoint} for fund {code}: page {pageIndex} only repeated rows already received; paging does not advance.");
            }
        }
        if (seen.Count == 0 && from is null && to is null)
        {
            throw new TiantianException(TiantianErrorKind.UnknownCode, code, HistoryEndpoint,
                $"Fund {code} is unknown to the tiantian source (no NAV published): check the code.");
        }
        rows.Sort((a, b) => a.Date.CompareTo(b.Date));
        return rows;
    }

    private async Task<LsjzPage> GetHistoryPageAsync(string code, DateOnly? from, DateOnly? to, int pageIndex, CancellationToken cancellationToken)
    {
        if (_historyBlocked)
        {
            throw Blocked(code, "not requested: the source blocked an earlier history request in this run");
        }
        var page = await SendAsync(code, HistoryEndpoint, _settings.HistoryBaseUrl,
            () =>
            {
                var ms = CacheBuster();
                var query = string.Create(CultureInfo.InvariantCulture,
                    $"fundCode={code}&pageIndex={pageIndex}&pageSize={_settings.HistoryPageSize}&startDate={from:yyyy-MM-dd}&endDate={to:yyyy-MM-dd}&_={ms}");
                if (_settings.HistoryUseJsonp)
                {
                    query += $"&callback=jQuery1830{RandomDigits(16)}_{ms}";
                }
                var request = new HttpRequestMessage(HttpMethod.Get, Combine(_settings.HistoryBaseUrl, "/f10/lsjz?" + query));
                AddBrowserHeaders(request, $"https://fundf10.eastmoney.com/jjjz_{code}.html");
                return request;
            },
            body =>
            {
                var parsed = TiantianParser.ParseHistoryPage(body);
                return parsed.ErrCode is 0 or -999 || parsed.Blocked
                    ? parsed
                    : throw new FormatException($"ErrCode {parsed.ErrCode}: {parsed.ErrMsg}");
            },
            cancellationToken).ConfigureAwait(false);
        if (page.Blocked)
        {
            _historyBlocked = true;
            throw Blocked(code, $"the source refused the request (ErrCode {page.ErrCode}, usually a missing or foreign Referer, or an IP block)");
        }
        return page;
    }

    private TiantianException Blocked(string code, string why)
    {
        LogBlocked(_logger, code, why);
        return new TiantianException(TiantianErrorKind.Blocked, code, HistoryEndpoint,
            $"{HistoryEndpoint} for fund {code} is blocked: {why}. Stored NAVs are unchanged; try again in a later run.");
    }

    /// <summary>Sends a request (a new message per attempt), retrying only the source's soft errors (unparseable 200 bodies).</summary>
    private async Task<T> SendAsync<T>(string code, string endpoint, Uri host, Func<HttpRequestMessage> build, Func<string, T> parse, CancellationToken cancellationToken)
    {
        FormatException? lastError = null;
        for (var attempt = 0; attempt <= _settings.RetryTimes; attempt++)
        {
            await _pacer.WaitTurnAsync(host.Authority, cancellationToken).ConfigureAwait(false);
            var body = await ReceiveAsync(code, endpoint, build, cancellationToken).ConfigureAwait(false);
            try
            {
                return parse(body);
            }
            catch (FormatException ex)
            {
                lastError = ex;
                LogSoftError(_logger, endpoint, code, ex.Message, attempt + 1, _settings.RetryTimes + 1);
            }
        }
        throw new TiantianException(TiantianErrorKind.Parse, code, endpoint,
            $"{endpoint} for fund {code} answered an unexpected body {_settings.RetryTimes + 1} time(s): {lastError?.Message}", lastError);
    }

    private async Task<string> ReceiveAsync(string code, string endpoint, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        try
        {
            using var request = build();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            LogResponse(_logger, endpoint, code, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                throw new TiantianException(TiantianErrorKind.Transport, code, endpoint,
                    $"{endpoint} for fund {code} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.")
                { StatusCode = (int)response.StatusCode };
            }
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TiantianException)
        {
            throw;
        }
#pragma warning disable CA1031 // Every other failure of the HTTP stack (network, timeout, open circuit) is a transport error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new TiantianException(TiantianErrorKind.Transport, code, endpoint,
                $"{endpoint} for fund {code} could not be reached: {ex.Message}", ex);
        }
    }

    private static NavPoint ToNavPoint(string code, LsjzRow row) => Convert(code, row, r => new NavPoint(
        r.Date,
        TiantianParser.ParseDecimal(r.Dwjz.Trim(), "DWJZ"),
        TiantianParser.ParseOptionalDecimal(r.Ljjz, "LJJZ"),
        TiantianParser.ParseOptionalDecimal(r.Jzzzl, "JZZZL"),
        r.Sgzt,
        r.Shzt,
        string.IsNullOrWhiteSpace(r.Fhsp) ? null : r.Fhsp));

    private static T Convert<T>(string code, LsjzRow row, Func<LsjzRow, T> map)
    {
        try
        {
            return map(row);
        }
        catch (FormatException ex)
        {
            throw new TiantianException(TiantianErrorKind.Parse, code, HistoryEndpoint,
                $"{HistoryEndpoint} for fund {code}, row {row.Date:yyyy-MM-dd}: {ex.Message}", ex);
        }
    }

    private void AddBrowserHeaders(HttpRequestMessage request, string referer)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", _settings.UserAgent);
        request.Headers.Referrer = new Uri(referer);
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
    }

    private string CacheBuster() => _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

#pragma warning disable CA5394 // A cache-busting callback name, not security relevant.
    private static string RandomDigits(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + Random.Shared.Next(10))));
#pragma warning restore CA5394

    private static Uri Combine(Uri baseUrl, string pathAndQuery) =>
        new(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery);

    [LoggerMessage(Level = LogLevel.Debug, Message = "tiantian {Endpoint} for fund {FundCode}: HTTP {Status}")]
    private static partial void LogResponse(ILogger logger, string endpoint, string fundCode, int status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "tiantian f10/lsjz for fund {FundCode}: page {Page} had {Rows} rows ({Added} new), TotalCount {TotalCount}, server page size {PageSize}")]
    private static partial void LogPage(ILogger logger, string fundCode, int page, int rows, int added, int totalCount, int pageSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tiantian {Endpoint} for fund {FundCode}: unexpected body ({Reason}), attempt {Attempt} of {Attempts}")]
    private static partial void LogSoftError(ILogger logger, string endpoint, string fundCode, string reason, int attempt, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "tiantian f10/lsjz for fund {FundCode} is blocked: {Why}")]
    private static partial void LogBlocked(ILogger logger, string fundCode, string why);
}
