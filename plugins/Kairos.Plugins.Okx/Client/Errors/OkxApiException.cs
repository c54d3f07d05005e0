namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>Any other non-<c>"0"</c> code: usually a request OKX considers malformed (<c>50014</c>, <c>50112</c>, <c>51000</c>).</summary>
public sealed class OkxApiException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxApiException(string message, string? code = null, int? httpStatus = null)
        : base(message, code, httpStatus)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ApiError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
