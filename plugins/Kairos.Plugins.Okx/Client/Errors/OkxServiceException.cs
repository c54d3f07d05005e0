namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>OKX or the network failed in a way a later attempt may not (5xx, <c>50001</c>, <c>50004</c>, <c>50026</c>, non-JSON answers).</summary>
public sealed class OkxServiceException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxServiceException(string message, string? code = null, int? httpStatus = null, Exception? innerException = null)
        : base(message, code, httpStatus, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ServiceError";

    /// <inheritdoc />
    public override bool IsRetryable => true;
}
