using System.Diagnostics;
using System.Globalization;
using Kairos.Plugins.Ibkr.Flex.Statements;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>
/// A client for IBKR's Flex Web Service (no gateway needed): SendRequest gives a reference code, GetStatement is
/// polled while IBKR answers "not ready" (1019 and the other wait codes) with a doubling delay on the injected clock
/// until <see cref="IbkrFlexSettings.PollTimeout"/>, and the XML statement is parsed (several accounts, cash report,
/// open positions). Every Flex error code becomes an <see cref="IbkrFlexException"/> with a clear message.
/// The token travels in the URL query, so this client never logs a URL or message containing it.
/// </summary>
public sealed class IbkrFlexClient
{
    // IBKR is reported to refuse requests without a User-Agent; "Java" is what the ibflex client sends.
    private const string UserAgent = "Java";

    private readonly HttpClient _http;
    private readonly IbkrFlexSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (carrying the host's standard resilience pipeline).</param>
    /// <param name="settings">Flex settings, including the token.</param>
    /// <param name="time">The clock (poll delays and the deadline).</param>
    /// <param name="logger">The client's log; it never receives the token.</param>
    public IbkrFlexClient(HttpClient http, IbkrFlexSettings settings, TimeProvider time, ILogger<IbkrFlexClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    /// <summary>Requests the statement, waits until it is generated, and parses it.</summary>
    /// <exception cref="IbkrFlexException">A Flex error (see <see cref="IbkrFlexException.Kind"/>), or still not ready at the deadline.</exception>
    /// <exception cref="IbkrParseException">The statement could not be read.</exception>
    public async Task<FlexQueryResult> FetchStatementAsync(CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + _settings.PollTimeout;
        var reference = await SendRequestAsync(deadline, cancellationToken).ConfigureAwait(false);
        var delay = _settings.PollInitialDelay;
        var restarted = false;
        for (var poll = 1; ; poll++)
        {
            var answer = await GetAsync("GetStatement", WithToken(reference.StatementUrl, reference.ReferenceCode), cancellationToken).ConfigureAwait(false);
            if (answer.Statement is { } statement)
            {
                _logger.Received(statement.Statements.Count, poll);
                return statement;
            }
            var code = answer.ErrorCode ?? throw Fail("GetStatement", new IbkrParseException(
                $"Flex GetStatement answered status '{Redact(answer.Status)}' without a statement or an error code."));
            if (code == 1017 && !restarted)
            {
                restarted = true;
                _logger.RestartingRequest();
                reference = await SendRequestAsync(deadline, cancellationToken).ConfigureAwait(false);
                delay = _settings.PollInitialDelay;
                continue;
            }
            delay = await WaitOrThrowAsync("GetStatement", code, answer.ErrorMessage, delay, deadline, poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Step 1 alone: asks IBKR to generate the statement of <see cref="IbkrFlexSettings.FlexQueryId"/>.</summary>
    public Task<FlexReference> SendRequestAsync(CancellationToken cancellationToken = default) =>
        SendRequestAsync(_time.GetUtcNow() + _settings.PollTimeout, cancellationToken);

    private async Task<FlexReference> SendRequestAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!_settings.IsConfigured)
        {
            throw Fail("SendRequest", new IbkrFlexException(
                "IBKR Flex is not configured: set Plugins:ibkr:FlexToken and Plugins:ibkr:FlexQueryId.", FlexErrorKind.Configuration));
        }
        var root = _settings.FlexBaseUrl ?? IbkrFlexSettings.DefaultFlexBaseUrl;
        var delay = _settings.PollInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await GetAsync("SendRequest", WithToken(FlexUrls.Under(root, "SendRequest"), _settings.FlexQueryId!), cancellationToken).ConfigureAwait(false);
            if (answer.ErrorCode is null && !string.IsNullOrEmpty(answer.ReferenceCode))
            {
                return new FlexReference(answer.ReferenceCode, StatementUrl(answer.Url));
            }
            if (answer.ErrorCode is not { } code)
            {
                throw Fail("SendRequest", new IbkrParseException(
                    answer.Statement is null
                        ? $"Flex SendRequest answered status '{Redact(answer.Status)}' without a reference code or an error code."
                        : "Flex SendRequest answered with a statement instead of a reference code: check Plugins:ibkr:FlexBaseUrl."));
            }
            delay = await WaitOrThrowAsync("SendRequest", code, answer.ErrorMessage, delay, deadline, attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a "not ready" code within the deadline and returns the next delay; throws for every other code.</summary>
    private async Task<TimeSpan> WaitOrThrowAsync(string step, int code, string? ibkrMessage, TimeSpan delay, DateTimeOffset deadline, int attempt, CancellationToken cancellationToken)
    {
        var (kind, message) = FlexErrorCodes.Describe(code, Redact(ibkrMessage));
        if (kind != FlexErrorKind.NotReady)
        {
            throw Fail(step, new IbkrFlexException(message, kind, code));
        }
        var wait = code == 1018 && delay < _settings.TooManyRequestsDelay ? _settings.TooManyRequestsDelay : delay;
        if (_time.GetUtcNow() + wait > deadline)
        {
            throw Fail(step, new IbkrFlexException(string.Create(CultureInfo.InvariantCulture,
                $"The Flex statement was still not ready after {_settings.PollTimeout} ({message}); try again later."), FlexErrorKind.Timeout, code));
        }
        _logger.NotReady(code, wait, attempt);
        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        var next = delay * 2;
        return next > _settings.PollMaxDelay ? _settings.PollMaxDelay : next;
    }

    private async Task<FlexAnswer> GetAsync(string step, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _logger.Answered(step, RedactedUrl(uri), status, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status is < 200 or >= 300)
            {
                throw new IbkrFlexException(string.Create(CultureInfo.InvariantCulture,
                    $"The Flex Web Service answered HTTP {status} to {step} ({uri.Host}); try again later."), FlexErrorKind.Service);
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await FlexResponseReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IbkrException ex)
        {
            throw Fail(step, ex);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(step, new IbkrFlexException($"The Flex Web Service ({uri.Host}) could not be reached for {step}: {Redact(ex.Message)}", FlexErrorKind.Service, null, Safe(ex)));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(step, new IbkrFlexException($"The Flex Web Service ({uri.Host}) did not answer {step} in time.", FlexErrorKind.Service, null, Safe(ex)));
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw Fail(step, new IbkrFlexException($"The Flex Web Service ({uri.Host}) did not answer {step} in time.", FlexErrorKind.Service, null, Safe(ex)));
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw Fail(step, new IbkrFlexException($"Calls to the Flex Web Service are paused after repeated failures ({step}); try again later.", FlexErrorKind.Service, null, Safe(ex)));
        }
    }

    private Uri StatementUrl(string? named)
    {
        var url = FlexUrls.StatementUrl(_settings.FlexBaseUrl, named, out var trusted);
        if (!trusted)
        {
            _logger.UntrustedStatementUrl(Uri.TryCreate(named, UriKind.Absolute, out var refused) ? refused.Host : "(not a URL)", url.ToString());
        }
        return url;
    }

    private Uri WithToken(Uri url, string q) => new(string.Create(CultureInfo.InvariantCulture,
        $"{url.GetLeftPart(UriPartial.Path)}?t={Uri.EscapeDataString(_settings.FlexToken!)}&q={Uri.EscapeDataString(q)}&v=3"), UriKind.Absolute);

    private string RedactedUrl(Uri uri) => Redact(uri.GetLeftPart(UriPartial.Path) + uri.Query)!;

    /// <summary>Replaces the token (raw and URL-escaped) by <c>***</c>.</summary>
    private string? Redact(string? text)
    {
        var token = _settings.FlexToken;
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(token))
        {
            return text;
        }
        return text.Replace(token, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(token), "***", StringComparison.Ordinal);
    }

    /// <summary>Keeps an inner exception only when its full text cannot leak the token.</summary>
    private Exception? Safe(Exception exception) =>
        string.IsNullOrEmpty(_settings.FlexToken) || Redact(exception.ToString()) == exception.ToString() ? exception : null;

    private IbkrException Fail(string step, IbkrException error)
    {
        _logger.Failed(step, error.ErrorType, (error as IbkrFlexException)?.Code, error.Message);
        return error;
    }
}
