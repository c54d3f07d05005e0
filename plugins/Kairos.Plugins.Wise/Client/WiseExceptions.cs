namespace Kairos.Plugins.Wise.Client;

/// <summary>
/// A failed Wise call. Subclasses say what kind (integrations reference §0 and §2.7) and what the user can do.
/// Messages never contain the API token.
/// </summary>
public abstract class WiseException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected WiseException(string endpoint, string message, Exception? innerException = null)
        : base(message, innerException) => Endpoint = endpoint;

    /// <summary>The call, e.g. <c>GET /v4/profiles/30000001/balances</c> (no query, no secrets).</summary>
    public string Endpoint { get; }

    /// <summary>HTTP status, when the failure was an HTTP answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Wise's <c>x-trace-id</c> (what Wise support asks for), when sent.</summary>
    public string? TraceId { get; init; }

    /// <summary>Whether trying again later (not in a loop now) may succeed.</summary>
    public abstract bool IsTransient { get; }
}

/// <summary>Settings are missing or invalid (e.g. no API token). Nothing was sent.</summary>
public sealed class WiseConfigurationException(string endpoint, string message) : WiseException(endpoint, message)
{
    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>Wise refused the token (401: bad, expired or revoked; or 403 without an SCA challenge). Not retried.</summary>
public sealed class WiseCredentialsException(string endpoint, string message) : WiseException(endpoint, message)
{
    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>Why a strong-customer-authentication challenge could not be answered.</summary>
public enum WiseScaFailure
{
    /// <summary>No private key is configured (<c>Plugins:wise:ScaPrivateKeyPath</c>).</summary>
    NoKey,

    /// <summary>The configured key file could not be read or is not a PEM RSA private key.</summary>
    KeyUnreadable,

    /// <summary>Wise refused the signed repeat (public key not uploaded, or SCA not available for this token).</summary>
    Rejected,
}

/// <summary>
/// Wise asked for strong customer authentication (403 with <c>x-2fa-approval</c>) and it could not be satisfied.
/// The caller reports it and carries on with what does not need SCA (balances, activities).
/// </summary>
public sealed class WiseScaException(string endpoint, WiseScaFailure failure, string message) : WiseException(endpoint, message)
{
    /// <summary>Why SCA failed.</summary>
    public WiseScaFailure Failure { get; } = failure;

    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>Still rate limited (429) after the resilience pipeline waited as <c>Retry-After</c> asked.</summary>
public sealed class WiseRateLimitException(string endpoint, string message) : WiseException(endpoint, message)
{
    /// <summary>The last <c>Retry-After</c> Wise sent, when any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>Network failure, timeout, open circuit or 5xx, after the resilience pipeline's retries.</summary>
public sealed class WiseTransportException(string endpoint, string message, Exception? innerException = null)
    : WiseException(endpoint, message, innerException)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>Wise rejected the request itself (400, 404 and other 4xx): wrong parameters or unknown ids. Not retried.</summary>
public sealed class WiseRequestException(string endpoint, string message) : WiseException(endpoint, message)
{
    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>A 2xx answer whose body is not what the endpoint documents (malformed, truncated, missing fields).</summary>
public sealed class WiseParseException(string endpoint, string message, Exception? innerException = null)
    : WiseException(endpoint, message, innerException)
{
    /// <inheritdoc />
    public override bool IsTransient => true;
}
