using System.Diagnostics;
using System.Globalization;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Kairos.Plugins.Ibkr.Gateway.Models;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// A client for IBKR's Client Portal Web API through the user's local gateway: session state, keep-alive, accounts,
/// summary, ledger and positions. Every request waits for a pacing slot (<see cref="IbkrRequestPacer"/>). The
/// <see cref="HttpClient"/> is expected to carry the host's standard resilience pipeline (it backs off on 429 and
/// 5xx) over <see cref="IbkrGatewayTls.CreatePrimaryHandler"/>; what still fails is classified: 401 →
/// <see cref="IbkrNotAuthenticatedException"/>, 429 → <see cref="IbkrPacingException"/>, the rest →
/// <see cref="IbkrGatewayException"/>.
/// </summary>
public sealed class IbkrGatewayClient
{
    private readonly HttpClient _http;
    private readonly IbkrGatewaySettings _settings;
    private readonly IbkrRequestPacer _pacer;
    private readonly ILogger _logger;
    private readonly string _root;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client for the gateway.</param>
    /// <param name="settings">Gateway settings.</param>
    /// <param name="time">The clock (pacing).</param>
    /// <param name="logger">The client's log.</param>
    /// <param name="pacer">A pacer shared with other clients of the same gateway; null = a private one at <see cref="IbkrGatewaySettings.MaxRequestsPerSecond"/>.</param>
    public IbkrGatewayClient(HttpClient http, IbkrGatewaySettings settings, TimeProvider time, ILogger<IbkrGatewayClient> logger, IbkrRequestPacer? pacer = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _settings = settings;
        _logger = logger;
        _pacer = pacer ?? new IbkrRequestPacer(settings.MaxRequestsPerSecond, time);
        _root = settings.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (settings.AllowInsecureTls && !IbkrGatewayTls.IsLoopbackHost(settings.BaseUrl.Host))
        {
            logger.InsecureTlsIgnored(settings.BaseUrl.Host);
        }
    }

    /// <summary>The brokerage session state (<c>POST /iserver/auth/status</c>).</summary>
    public async Task<IbkrAuthStatus> GetAuthStatusAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Post, "iserver/auth/status", null, cancellationToken).ConfigureAwait(false);
        return IbkrAuthStatus.Parse(document.RootElement);
    }

    /// <summary>Checks the session first, as every run should.</summary>
    /// <exception cref="IbkrNotAuthenticatedException">Not authenticated, not connected or competing.</exception>
    public async Task<IbkrAuthStatus> EnsureAuthenticatedAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetAuthStatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.IsUsable)
        {
            return status;
        }
        var reason = !status.Authenticated ? "not authenticated" : !status.Connected ? "not connected to IBKR" : "competing with another session of this user";
        var detail = string.IsNullOrWhiteSpace(status.Message) && string.IsNullOrWhiteSpace(status.Fail) ? "" : $" ({status.Message}{status.Fail})";
        var message = status.Competing && status.Authenticated
            ? $"IBKR gateway session is {reason}{detail} — log out of the other IBKR platform or log in at the gateway again ({_settings.BaseUrl.GetLeftPart(UriPartial.Authority)})."
            : $"IBKR gateway {reason}{detail} — log in at the gateway ({_settings.BaseUrl.GetLeftPart(UriPartial.Authority)}) in a browser.";
        throw new IbkrNotAuthenticatedException(message);
    }

    /// <summary>Keeps the gateway session alive (<c>POST /tickle</c>, about once a minute).</summary>
    public async Task<IbkrTickle> TickleAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Post, "tickle", null, cancellationToken).ConfigureAwait(false);
        return IbkrTickle.Parse(document.RootElement);
    }

    /// <summary>
    /// The accounts (<c>GET /portfolio/accounts</c>, which IBKR requires before other portfolio calls), limited to
    /// <see cref="IbkrGatewaySettings.AccountIds"/> when those are set.
    /// </summary>
    public async Task<IReadOnlyList<IbkrAccount>> GetAccountsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(HttpMethod.Get, "portfolio/accounts", _settings.AccountsInterval, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new IbkrParseException("IBKR accounts: the answer is not an array.");
        }
        var accounts = root.EnumerateArray().Select(IbkrAccount.Parse).ToList();
        if (_settings.AccountIds.Count == 0)
        {
            return accounts;
        }
        foreach (var wanted in _settings.AccountIds.Where(id => accounts.All(a => a.AccountId != id)))
        {
            _logger.ConfiguredAccountMissing(wanted);
        }
        return accounts.Where(a => _settings.AccountIds.Contains(a.AccountId)).ToList();
    }

    /// <summary>The account's values (<c>GET /portfolio/{accountId}/summary</c>).</summary>
    public async Task<IbkrAccountSummary> GetSummaryAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        using var document = await SendAsync(HttpMethod.Get, $"portfolio/{Uri.EscapeDataString(accountId)}/summary", null, cancellationToken).ConfigureAwait(false);
        return IbkrAccountSummary.Parse(accountId, document.RootElement);
    }

    /// <summary>Cash per currency plus the <c>BASE</c> aggregate (<c>GET /portfolio/{accountId}/ledger</c>).</summary>
    public async Task<IReadOnlyList<IbkrLedgerEntry>> GetLedgerAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        using var document = await SendAsync(HttpMethod.Get, $"portfolio/{Uri.EscapeDataString(accountId)}/ledger", null, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new IbkrParseException($"IBKR ledger of {accountId}: the answer is not an object.");
        }
        return root.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .Select(p => IbkrLedgerEntry.Parse(p.Name, p.Value))
            .ToList();
    }

    /// <summary>Every position: pages 0, 1, 2, … until an empty page (<c>GET /portfolio/{accountId}/positions/{pageId}</c>).</summary>
    public async Task<IReadOnlyList<IbkrPosition>> GetPositionsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var positions = new List<IbkrPosition>();
        for (var page = 0; ; page++)
        {
            if (page >= _settings.MaxPositionPages)
            {
                throw new IbkrGatewayException(string.Create(CultureInfo.InvariantCulture,
                    $"IBKR positions of {accountId}: still not at the end after {page} pages; stopped."), isRetryable: false);
            }
            var items = await GetPositionsPageAsync(accountId, page, cancellationToken).ConfigureAwait(false);
            _logger.PositionsPage(accountId, page, items.Count);
            if (items.Count == 0)
            {
                return positions;
            }
            positions.AddRange(items);
        }
    }

    /// <summary>One page of positions (up to 100; an empty page ends the list).</summary>
    public async Task<IReadOnlyList<IbkrPosition>> GetPositionsPageAsync(string accountId, int page, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        var path = string.Create(CultureInfo.InvariantCulture, $"portfolio/{Uri.EscapeDataString(accountId)}/positions/{page}");
        using var document = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new IbkrParseException($"IBKR positions of {accountId}, page {page}: the answer is not an array.");
        }
        return root.EnumerateArray().Select(IbkrPosition.Parse).ToList();
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string relativePath, TimeSpan? endpointInterval, CancellationToken cancellationToken)
    {
        var path = "/" + relativePath;
        await (endpointInterval is { } interval
            ? _pacer.WaitAsync(relativePath, interval, cancellationToken)
            : _pacer.WaitAsync(cancellationToken)).ConfigureAwait(false);
        using var request = new HttpRequestMessage(method, new Uri(_root + path, UriKind.Absolute));
        request.Headers.Accept.ParseAdd("application/json");
        // POSTs go without a body: SocketsHttpHandler still sends "Content-Length: 0", which the gateway needs.

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            _logger.Answered(method.Method, path, status, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status is >= 200 and < 300)
            {
                try
                {
                    return JsonDocument.Parse(body);
                }
                catch (JsonException ex)
                {
                    throw new IbkrParseException($"IBKR gateway {method} {path}: the answer is not JSON.", ex);
                }
            }
            if (body.Length > 0)
            {
                _logger.ErrorBody(method.Method, path, Truncate(Encoding.UTF8.GetString(body)));
            }
            throw Fail(method, path, ForStatus(status, method, path));
        }
        catch (HttpRequestException ex)
        {
            throw Fail(method, path, ex.InnerException is AuthenticationException || ex.HttpRequestError == HttpRequestError.SecureConnectionError
                ? new IbkrGatewayException(
                    $"The TLS certificate of the IBKR gateway at {_settings.BaseUrl.GetLeftPart(UriPartial.Authority)} was refused: for the gateway's self-signed certificate on this machine set Plugins:ibkr:AllowInsecureTls=true (honoured for localhost only).",
                    isRetryable: false, innerException: ex)
                : new IbkrGatewayException(
                    $"The IBKR gateway at {_settings.BaseUrl.GetLeftPart(UriPartial.Authority)} could not be reached ({ex.Message}): is the Client Portal gateway running?",
                    innerException: ex));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(method, path, new IbkrGatewayException($"The IBKR gateway did not answer {method} {path} in time.", innerException: ex));
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw Fail(method, path, new IbkrGatewayException($"The IBKR gateway did not answer {method} {path} in time.", innerException: ex));
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw Fail(method, path, new IbkrGatewayException($"Calls to the IBKR gateway are paused after repeated failures ({method} {path}); try again later.", innerException: ex));
        }
    }

    private IbkrException ForStatus(int status, HttpMethod method, string path) => status switch
    {
        401 => new IbkrNotAuthenticatedException(
            $"IBKR gateway not authenticated (HTTP 401 on {method} {path}) — log in at the gateway ({_settings.BaseUrl.GetLeftPart(UriPartial.Authority)}) in a browser."),
        429 => new IbkrPacingException(
            $"The IBKR gateway kept answering HTTP 429 (pacing) on {method} {path}: too many requests; wait several minutes (IBKR's penalty box lasts 10) before the next run."),
        _ => new IbkrGatewayException(
            string.Create(CultureInfo.InvariantCulture, $"The IBKR gateway answered HTTP {status} on {method} {path}."), status, isRetryable: status >= 500 || status == 408),
    };

    private IbkrException Fail(HttpMethod method, string path, IbkrException error)
    {
        _logger.CallFailed(method.Method, path, error.ErrorType, error.Message);
        return error;
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
