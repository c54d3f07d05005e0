namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>OKX still answered "rate limit reached" (<c>50011</c>) or "system busy" (<c>50013</c>) after the bounded back-off.</summary>
public sealed class OkxRateLimitException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxRateLimitException(string message, string? code = null, int? httpStatus = null)
        : base(message, code, httpStatus)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "RateLimited";

    /// <inheritdoc />
    public override bool IsRetryable => true;
}
