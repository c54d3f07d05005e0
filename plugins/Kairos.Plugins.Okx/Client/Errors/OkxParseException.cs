namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>An OKX answer could not be read (malformed or truncated JSON, a number that is not a number).</summary>
public sealed class OkxParseException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxParseException(string message, Exception? innerException = null)
        : base(message, null, null, innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ParseError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
