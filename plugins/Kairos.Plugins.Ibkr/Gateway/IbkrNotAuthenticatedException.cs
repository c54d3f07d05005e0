namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// The Client Portal gateway has no usable session: it answered 401, or its auth status says not authenticated,
/// not connected or competing. A person has to log in at the gateway in a browser; retrying does not help.
/// </summary>
public sealed class IbkrNotAuthenticatedException : IbkrException
{
    /// <summary>Creates the exception.</summary>
    public IbkrNotAuthenticatedException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "NotAuthenticated";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
