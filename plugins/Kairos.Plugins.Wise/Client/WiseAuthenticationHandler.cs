namespace Kairos.Plugins.Wise.Client;

/// <summary>
/// Adds the API token (and, when answering an SCA challenge, the one-time token and its signature) to Wise requests,
/// as the primary handler of the Wise <see cref="HttpClient"/>: below the host's resilience and logging handlers.
/// </summary>
/// <remarks>
/// Why not set the header in <see cref="WiseClient"/>: IHttpClientFactory's default logging redacts header values in
/// its formatted Trace messages but hands the raw values (<c>Authorization: Bearer …</c>) to structured log providers
/// in the log state. Headers added here are never seen by those handlers.
/// </remarks>
public sealed class WiseAuthenticationHandler : DelegatingHandler
{
    /// <summary>Set by the client: authenticate this request.</summary>
    internal static readonly HttpRequestOptionsKey<bool> AuthenticateKey = new("Kairos.Wise.Authenticate");

    /// <summary>Set by the client when repeating a request after an SCA challenge: the one-time token.</summary>
    internal static readonly HttpRequestOptionsKey<string> ScaTokenKey = new("Kairos.Wise.ScaToken");

    /// <summary>Set by the client with <see cref="ScaTokenKey"/>: the token's signature.</summary>
    internal static readonly HttpRequestOptionsKey<string> ScaSignatureKey = new("Kairos.Wise.ScaSignature");

    /// <summary>Set by this handler once it added the token, so the client can tell a missing handler from a bad token.</summary>
    internal static readonly HttpRequestOptionsKey<bool> AuthenticatedKey = new("Kairos.Wise.Authenticated");

    private const string ScaTokenHeader = "x-2fa-approval";
    private const string SignatureHeader = "X-Signature";

    private readonly WiseSettings _settings;

    /// <summary>Creates the handler (set <see cref="DelegatingHandler.InnerHandler"/>, or use <see cref="CreatePrimaryHandler"/>).</summary>
    public WiseAuthenticationHandler(WiseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>
    /// The primary handler for the Wise <see cref="HttpClient"/>: this handler over <paramref name="inner"/> (default a
    /// <see cref="SocketsHttpHandler"/> renewing pooled connections every two minutes). Register it with
    /// <c>ConfigurePrimaryHttpMessageHandler</c>; the host's resilience and logging handlers go above it.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler(WiseSettings settings, HttpMessageHandler? inner = null) =>
        new WiseAuthenticationHandler(settings) { InnerHandler = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) } };

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(AuthenticateKey, out var authenticate) || !authenticate || string.IsNullOrWhiteSpace(_settings.ApiToken))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _settings.ApiToken);
        if (request.Options.TryGetValue(ScaTokenKey, out var oneTimeToken) && request.Options.TryGetValue(ScaSignatureKey, out var signature))
        {
            request.Headers.TryAddWithoutValidation(ScaTokenHeader, oneTimeToken);
            request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        }
        request.Options.Set(AuthenticatedKey, true);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The resilience pipeline re-sends this same message on a retry, through the factory's per-attempt logging
            // handler: take the secrets off again so that handler never sees them.
            request.Headers.Authorization = null;
            request.Headers.Remove(ScaTokenHeader);
            request.Headers.Remove(SignatureHeader);
        }
    }
}
