namespace Kairos.Plugins.Ibkr;

/// <summary>
/// A failed IBKR call (gateway or Flex). The subclass says what kind of failure it is; <see cref="ErrorType"/> is the
/// same as a short string for a task result, and <see cref="IsRetryable"/> says whether a later attempt can succeed
/// unchanged. Messages never contain the Flex token.
/// </summary>
public abstract class IbkrException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected IbkrException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>A short classification for task results (<c>NotAuthenticated</c>, <c>RateLimited</c>, …).</summary>
    public abstract string ErrorType { get; }

    /// <summary>True when retrying later, unchanged, may succeed.</summary>
    public abstract bool IsRetryable { get; }
}
