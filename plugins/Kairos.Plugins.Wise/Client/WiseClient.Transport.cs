using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Client;

/// <summary>Sending, the SCA repeat, error mapping and logging.</summary>
public sealed partial class WiseClient
{
    private async Task<T> GetJsonAsync<T>(string pathAndQuery, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var path = pathAndQuery.Split('?', 2)[0];
        var endpoint = "GET " + path;
        if (string.IsNullOrWhiteSpace(_settings.ApiToken))
        {
            throw new WiseConfigurationException(endpoint,
                "Wise API token is not configured: set Plugins:wise:ApiToken to a personal API token (Wise.com → Settings → API tokens).");
        }

        var response = await SendAsync(pathAndQuery, endpoint, sca: null, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.Forbidden && Header(response, ScaTokenHeader) is { Length: > 0 } oneTimeToken)
            {
                response.Dispose();
                response = await AnswerScaChallengeAsync(pathAndQuery, endpoint, oneTimeToken, cancellationToken).ConfigureAwait(false);
            }
            await EnsureSuccessAsync(response, endpoint, cancellationToken).ConfigureAwait(false);
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new WiseTransportException(endpoint, $"{endpoint}: the answer broke off while reading it ({ex.Message}).", ex) { StatusCode = (int)response.StatusCode, TraceId = TraceId(response) };
            }
            try
            {
                return JsonSerializer.Deserialize(body, typeInfo)
                    ?? throw new WiseParseException(endpoint, $"{endpoint}: Wise answered an empty JSON document (null).") { StatusCode = (int)response.StatusCode, TraceId = TraceId(response) };
            }
            catch (JsonException ex)
            {
                throw new WiseParseException(endpoint, $"{endpoint}: Wise's answer is not the documented JSON ({Redact(ex.Message)}).", ex) { StatusCode = (int)response.StatusCode, TraceId = TraceId(response) };
            }
        }
        finally
        {
            response.Dispose();
        }
    }

    private async Task<HttpResponseMessage> AnswerScaChallengeAsync(string pathAndQuery, string endpoint, string oneTimeToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_settings.ScaPrivateKeyPath))
        {
            throw new WiseScaException(endpoint, WiseScaFailure.NoKey,
                $"{endpoint} needs strong customer authentication and no signing key is configured: set Plugins:wise:ScaPrivateKeyPath to the PEM private key whose public key is uploaded in Wise. Balances and activities do not need it.")
            { StatusCode = 403 };
        }
        LogScaChallenge(_logger, endpoint);
        string signature;
        using (var key = WiseScaSigner.LoadKey(_settings.ScaPrivateKeyPath, endpoint))
        {
            signature = WiseScaSigner.Sign(oneTimeToken, key);
        }
        var response = await SendAsync(pathAndQuery, endpoint, (oneTimeToken, signature), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var result = Header(response, ScaResultHeader);
            var traceId = TraceId(response);
            response.Dispose();
            throw new WiseScaException(endpoint, WiseScaFailure.Rejected,
                $"{endpoint}: Wise refused the signed strong-customer-authentication repeat (x-2fa-approval-result: {result ?? "none"}). Upload the public key of Plugins:wise:ScaPrivateKeyPath in Wise (Settings → API tokens → public keys); for EU/UK personal tokens Wise may not offer statements at all.")
            { StatusCode = 403, TraceId = traceId };
        }
        LogScaResult(_logger, endpoint, Header(response, ScaResultHeader) ?? "none");
        return response;
    }

    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery, string endpoint, (string OneTimeToken, string Signature)? sca, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_settings.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The token and SCA headers are added by WiseAuthenticationHandler below the factory's logging handlers.
        request.Options.Set(WiseAuthenticationHandler.AuthenticateKey, true);
        if (sca is { } s)
        {
            request.Options.Set(WiseAuthenticationHandler.ScaTokenKey, s.OneTimeToken);
            request.Options.Set(WiseAuthenticationHandler.ScaSignatureKey, s.Signature);
        }
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every other failure of the HTTP stack (network, timeout, open circuit) is a transport error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new WiseTransportException(endpoint, $"{endpoint}: Wise could not be reached ({Redact(ex.Message)}).", ex);
        }
        if (!request.Options.TryGetValue(WiseAuthenticationHandler.AuthenticatedKey, out var authenticated) || !authenticated)
        {
            response.Dispose();
            throw new InvalidOperationException(
                $"{endpoint} was sent without the API token: the Wise HttpClient needs {nameof(WiseAuthenticationHandler)} as its primary handler (ConfigurePrimaryHttpMessageHandler(() => {nameof(WiseAuthenticationHandler)}.{nameof(WiseAuthenticationHandler.CreatePrimaryHandler)}(settings))).");
        }
        LogResponse(_logger, endpoint, (int)response.StatusCode, (long)_time.GetElapsedTime(started).TotalMilliseconds, TraceId(response) ?? "-");
        return response;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var traceId = TraceId(response);
        var detail = await ErrorDetailAsync(response, cancellationToken).ConfigureAwait(false);
        var trace = traceId is null ? "" : $" (x-trace-id {traceId})";
        throw status switch
        {
            401 => new WiseCredentialsException(endpoint,
                $"{endpoint}: Wise refused the API token (401{detail}). Create a new personal API token in Wise and set Plugins:wise:ApiToken.{trace}")
            { StatusCode = status, TraceId = traceId },
            403 => new WiseCredentialsException(endpoint,
                $"{endpoint}: the API token is not allowed to do this (403{detail}).{trace}")
            { StatusCode = status, TraceId = traceId },
            429 => new WiseRateLimitException(endpoint,
                $"{endpoint}: Wise is still rate limiting after the retries (429, X-Rate-Limited-By: {Header(response, "X-Rate-Limited-By") ?? "-"}). Try again later.{trace}")
            { StatusCode = status, TraceId = traceId, RetryAfter = response.Headers.RetryAfter?.Delta },
            >= 500 or 408 => new WiseTransportException(endpoint,
                $"{endpoint}: Wise failed after the retries (HTTP {status}{detail}).{trace}")
            { StatusCode = status, TraceId = traceId },
            _ => new WiseRequestException(endpoint,
                $"{endpoint}: Wise rejected the request (HTTP {status}{detail}).{trace}")
            { StatusCode = status, TraceId = traceId },
        };
    }

    /// <summary>A short, token-free summary of an error body (Wise's three error shapes), or "".</summary>
    private async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return "";
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "error", "error_description", "message", "title", "detail" })
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
                {
                    parts.Add(s);
                }
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(errors.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("message", out var m) || e.TryGetProperty("detail", out m)) ? m.ToString() : null)
                    .OfType<string>());
            }
            return parts.Count == 0 ? "" : ": " + Redact(Truncate(string.Join("; ", parts.Distinct(StringComparer.Ordinal)), 300));
        }
        catch (JsonException)
        {
            return ": " + Redact(Truncate(body.Trim(), 200));
        }
    }

    // ---- logging (never the token, the one-time token or the signature) ----------------------------------------

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wise {Endpoint}: HTTP {Status} in {ElapsedMs} ms (x-trace-id {TraceId})")]
    private static partial void LogResponse(ILogger logger, string endpoint, int status, long elapsedMs, string traceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wise activities of profile {ProfileId}: a page of {Count} items, more: {More}")]
    private static partial void LogActivityPage(ILogger logger, long profileId, int count, bool more);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wise {Endpoint} asked for strong customer authentication; signing the one-time token and repeating once")]
    private static partial void LogScaChallenge(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wise {Endpoint}: strong customer authentication {Result}")]
    private static partial void LogScaResult(ILogger logger, string endpoint, string result);
}
