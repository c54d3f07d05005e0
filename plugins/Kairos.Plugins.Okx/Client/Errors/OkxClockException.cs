namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>OKX rejected the request timestamp (<c>50102</c>) even after the clock offset was measured again.</summary>
public sealed class OkxClockException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxClockException(string message, string? code = null, int? httpStatus = null)
        : base(message, code, httpStatus)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ClockError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
