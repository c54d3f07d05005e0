namespace Kairos.Plugins.Okx.Client;

/// <summary>
/// Adds the <c>OK-ACCESS-*</c> headers (key, signature, timestamp, passphrase) to the requests <see cref="OkxClient"/>
/// marks as private, at the very bottom of the HTTP pipeline.
/// </summary>
/// <remarks>
/// Why a handler and not the client: <c>IHttpClientFactory</c>'s logging handlers sit above the primary handler, and
/// although they print header values as <c>*</c>, their structured log state carries the raw values (any structured
/// log sink would store the key, passphrase and signature). Signed below them, the secrets never pass a logger.
/// Signing per attempt also gives every retry of the resilience pipeline a fresh timestamp.
/// Use it as the OKX client's primary handler: <see cref="CreatePrimaryHandler"/>.
/// </remarks>
public sealed class OkxSigningHandler : DelegatingHandler
{
    /// <summary>Set by the client on requests to sign: the measured offset to OKX's clock.</summary>
    internal static readonly HttpRequestOptionsKey<TimeSpan> ClockOffsetKey = new("Kairos.Okx.ClockOffset");

    /// <summary>Set by this handler once it signed the request, so the client can tell a missing handler from a bad key.</summary>
    internal static readonly HttpRequestOptionsKey<bool> SignedKey = new("Kairos.Okx.Signed");

    private static readonly string[] SignatureHeaders = ["OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-PASSPHRASE"];

    private readonly OkxSettings _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler (set <see cref="DelegatingHandler.InnerHandler"/>, or use <see cref="CreatePrimaryHandler"/>).</summary>
    public OkxSigningHandler(OkxSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
    }

    /// <summary>
    /// The primary handler for the OKX <see cref="HttpClient"/>: this handler over <paramref name="inner"/> (default a
    /// <see cref="SocketsHttpHandler"/> renewing pooled connections every two minutes). Register it with
    /// <c>ConfigurePrimaryHttpMessageHandler</c>; the host's resilience and logging handlers go above it.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler(OkxSettings settings, TimeProvider time, HttpMessageHandler? inner = null) =>
        new OkxSigningHandler(settings, time) { InnerHandler = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) } };

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(ClockOffsetKey, out var offset) && request.RequestUri is { } uri)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var timestamp = OkxSigner.FormatTimestamp(_time.GetUtcNow() + offset);
            var signature = OkxSigner.Sign(_settings.SecretKey ?? "", timestamp, request.Method.Method, uri.PathAndQuery, body);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-KEY", _settings.ApiKey);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-SIGN", signature);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-TIMESTAMP", timestamp);
            request.Headers.TryAddWithoutValidation("OK-ACCESS-PASSPHRASE", _settings.Passphrase);
            request.Options.Set(SignedKey, true);
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The resilience pipeline re-sends this same message on a retry, through the factory's per-attempt logging
                // handler (which logs request headers at Trace): take the secrets off again so that handler never sees them.
                foreach (var name in SignatureHeaders)
                {
                    request.Headers.Remove(name);
                }
            }
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
