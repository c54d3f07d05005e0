using System.Diagnostics;
using System.Text.Json;
using Kairos.Plugins.Okx.Client.Errors;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Client;

/// <summary>Sending, signing, the envelope and the OKX-specific retries (rate limit, timestamp re-sync).</summary>
public sealed partial class OkxClient
{
    /// <summary>
    /// Sends one GET and returns the parsed answer when <c>code</c> is <c>"0"</c>. Rate-limit answers are backed off
    /// (on the injected clock) and retried up to <see cref="OkxSettings.MaxRateLimitRetries"/> times; a rejected
    /// timestamp triggers one clock re-measurement; every other failure is thrown at once.
    /// </summary>
    private async Task<JsonDocument> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>> query, bool signed,
        CancellationToken cancellationToken, string? instrumentId = null, TimeSpan? backoff = null)
    {
        var uri = BuildUri(path, query);
        var requestPath = uri.PathAndQuery;
        var call = "GET " + requestPath;
        var retries = 0;
        var resynced = false;
        while (true)
        {
            if (signed)
            {
                await EnsureClockAsync(cancellationToken).ConfigureAwait(false);
            }
            var (status, code, message, document) = await SendOnceAsync(uri, requestPath, signed, cancellationToken).ConfigureAwait(false);
            if (document is not null)
            {
                return document;
            }

            if ((OkxErrors.IsRateLimit(code) || OkxErrors.IsTryAgain(code) || (code is null && status == 429)) && retries < _settings.MaxRateLimitRetries)
            {
                retries++;
                var delay = Backoff(backoff ?? _settings.RateLimitBackoff, retries);
                _logger.BackingOff(code ?? "HTTP 429", "GET", requestPath, retries, _settings.MaxRateLimitRetries, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (signed && OkxErrors.IsTimestampRejected(code) && !resynced)
            {
                resynced = true;
                _logger.TimestampRejected("GET", requestPath);
                await SynchronizeClockAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var error = OkxErrors.Create(code, message, status, call, instrumentId);
            _logger.CallFailed("GET", requestPath, error.ErrorType, code, error.Message);
            throw error;
        }
    }

    private async Task<(int Status, string? Code, string? Message, JsonDocument? Document)> SendOnceAsync(
        Uri uri, string requestPath, bool signed, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        if (_settings.Simulated)
        {
            request.Headers.TryAddWithoutValidation("x-simulated-trading", "1");
        }
        if (signed)
        {
            // The headers are added by OkxSigningHandler below the logging handlers (see its remarks).
            request.Options.Set(OkxSigningHandler.ClockOffsetKey, ClockOffset ?? TimeSpan.Zero);
        }

        var started = Stopwatch.GetTimestamp();
        byte[] body;
        int status;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (signed && !((response.RequestMessage ?? request).Options.TryGetValue(OkxSigningHandler.SignedKey, out var wasSigned) && wasSigned))
            {
                throw new InvalidOperationException(
                    "OKX private requests were sent unsigned: the OKX HttpClient needs OkxSigningHandler as its primary handler (OkxSigningHandler.CreatePrimaryHandler).");
            }
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OkxServiceException($"OKX could not be reached for GET {requestPath}: {ex.Message}", null, null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OkxServiceException($"OKX did not answer GET {requestPath} in time.", null, null, ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new OkxServiceException($"OKX did not answer GET {requestPath} in time.", null, null, ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw new OkxServiceException($"Calls to OKX are paused after repeated failures (GET {requestPath}); try again later.", null, null, ex);
        }

        var (code, message, document) = ReadEnvelope(status, body, requestPath);
        _logger.Answered("GET", requestPath, status, code, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return (status, code, message, document);
    }

    /// <summary>Reads <c>{"code":"0","msg":"","data":[...]}</c>. Success needs code <c>"0"</c> and a 2xx status.</summary>
    internal static (string? Code, string? Message, JsonDocument? Document) ReadEnvelope(int status, byte[] body, string requestPath)
    {
        var ok = status is >= 200 and < 300;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return ok
                ? throw new OkxParseException($"OKX answered GET {requestPath} with a body that is not JSON.", ex)
                : (null, null, null);
        }

        var root = document.RootElement;
        var code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c)
            ? c.ValueKind switch
            {
                JsonValueKind.String => c.GetString(),
                JsonValueKind.Number => c.GetRawText(),
                _ => null,
            }
            : null;
        var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()
            : null;

        if (code == "0" && ok)
        {
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                document.Dispose();
                throw new OkxParseException($"OKX answered GET {requestPath} without a 'data' array.");
            }
            return (code, message, document);
        }
        document.Dispose();
        if (code is null && ok)
        {
            throw new OkxParseException($"OKX answered GET {requestPath} without a 'code'.");
        }
        // code "0" with a failing status: decide on the status.
        return (code == "0" ? null : code, message, null);
    }

    private Uri BuildUri(string path, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var builder = new System.Text.StringBuilder(_settings.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        builder.Append(path);
        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(EscapeValue(query[i].Value));
        }
        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    // Commas stay literal (ccy=BTC,USDT), as in OKX's examples; the signature covers the path exactly as sent either way.
    private static string EscapeValue(string value) => string.Join(',', value.Split(',').Select(Uri.EscapeDataString));

    private TimeSpan Backoff(TimeSpan first, int retry)
    {
        var ticks = first.Ticks * Math.Pow(2, retry - 1);
        return ticks >= _settings.MaxBackoff.Ticks ? _settings.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
