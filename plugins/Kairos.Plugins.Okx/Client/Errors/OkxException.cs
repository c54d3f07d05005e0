namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>
/// A failed OKX call. The subclass says what kind of failure it is; <see cref="ErrorType"/> is the same as a short
/// string for a task result, and <see cref="IsRetryable"/> says whether a later attempt can succeed unchanged.
/// Messages never contain keys, secrets, passphrases or signatures.
/// </summary>
public abstract class OkxException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected OkxException(string message, string? code, int? httpStatus, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>The OKX error code (<c>"50011"</c>), when the answer had one.</summary>
    public string? Code { get; }

    /// <summary>The HTTP status of the answer, when there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>A short classification for task results (<c>CredentialsError</c>, <c>RateLimited</c>, …).</summary>
    public abstract string ErrorType { get; }

    /// <summary>True when retrying later, unchanged, may succeed (rate limit, service trouble).</summary>
    public abstract bool IsRetryable { get; }
}
