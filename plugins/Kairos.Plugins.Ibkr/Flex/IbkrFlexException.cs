namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>A Flex Web Service failure, with IBKR's error code when there was one. The message never contains the token.</summary>
public sealed class IbkrFlexException : IbkrException
{
    /// <summary>Creates the exception.</summary>
    public IbkrFlexException(string message, FlexErrorKind kind, int? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Code = code;
    }

    /// <summary>IBKR's <c>ErrorCode</c> (1003–1021), when the answer had one.</summary>
    public int? Code { get; }

    /// <summary>What the failure means.</summary>
    public FlexErrorKind Kind { get; }

    /// <inheritdoc />
    public override string ErrorType => Kind switch
    {
        FlexErrorKind.Credentials => "CredentialsError",
        FlexErrorKind.Configuration => "ConfigurationError",
        FlexErrorKind.NotAvailable => "NotFound",
        FlexErrorKind.NotReady or FlexErrorKind.Timeout => "NotReady",
        _ => "ServiceError",
    };

    /// <inheritdoc />
    public override bool IsRetryable => Kind is FlexErrorKind.NotReady or FlexErrorKind.Timeout or FlexErrorKind.Service or FlexErrorKind.InvalidReference;
}
