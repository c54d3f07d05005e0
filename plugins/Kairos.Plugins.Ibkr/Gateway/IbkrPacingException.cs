namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// The gateway kept answering 429 (pacing violation) after the HTTP pipeline's back-off. Repeat offenders are put in
/// a 10-minute penalty box, so the run stops instead of pressing on.
/// </summary>
public sealed class IbkrPacingException : IbkrException
{
    /// <summary>Creates the exception.</summary>
    public IbkrPacingException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "RateLimited";

    /// <inheritdoc />
    public override bool IsRetryable => true;
}
