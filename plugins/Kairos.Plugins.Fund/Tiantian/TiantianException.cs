namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>What went wrong talking to the 'tiantian' source (integrations reference §1.4).</summary>
public enum TiantianErrorKind
{
    /// <summary>
    /// The source refused the request (<c>ErrCode -999</c>, usually a missing or foreign <c>Referer</c>, or an IP block).
    /// Not "no data": stored NAVs must stay. The client stops calling the history endpoint for the rest of its life (the run).
    /// </summary>
    Blocked,

    /// <summary>The fund code is unknown to the source (or it has published nothing yet).</summary>
    UnknownCode,

    /// <summary>The body was not the expected JSON/JSONP (error page, empty, truncated), even after the configured retries.</summary>
    Parse,

    /// <summary>HTTP failure after the host's resilience pipeline: network error, timeout, open circuit, 4xx/5xx status.</summary>
    Transport,
}

/// <summary>A failed call to the 'tiantian' source, classified by <see cref="Kind"/>.</summary>
public sealed class TiantianException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TiantianException(TiantianErrorKind kind, string fundCode, string endpoint, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        FundCode = fundCode;
        Endpoint = endpoint;
    }

    /// <summary>The class of failure.</summary>
    public TiantianErrorKind Kind { get; }

    /// <summary>The fund code the request was about.</summary>
    public string FundCode { get; }

    /// <summary>The endpoint, e.g. <c>fundgz</c> or <c>f10/lsjz</c>.</summary>
    public string Endpoint { get; }

    /// <summary>HTTP status when the failure was an HTTP status.</summary>
    public int? StatusCode { get; init; }
}
