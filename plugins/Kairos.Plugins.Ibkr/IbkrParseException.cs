namespace Kairos.Plugins.Ibkr;

/// <summary>An IBKR answer could not be read (malformed JSON or XML, a number or date in an unknown form).</summary>
public sealed class IbkrParseException : IbkrException
{
    /// <summary>Creates the exception.</summary>
    public IbkrParseException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ParseError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
