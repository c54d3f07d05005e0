namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>The gateway could not be reached, its TLS certificate was refused, it timed out or answered an unexpected status.</summary>
public sealed class IbkrGatewayException : IbkrException
{
    /// <summary>Creates the exception.</summary>
    public IbkrGatewayException(string message, int? httpStatus = null, bool isRetryable = true, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        IsRetryable = isRetryable;
    }

    /// <summary>The HTTP status, when the gateway answered.</summary>
    public int? HttpStatus { get; }

    /// <inheritdoc />
    public override string ErrorType => "ServiceError";

    /// <inheritdoc />
    public override bool IsRetryable { get; }
}
