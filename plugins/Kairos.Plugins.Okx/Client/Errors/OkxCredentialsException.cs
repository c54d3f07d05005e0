namespace Kairos.Plugins.Okx.Client.Errors;

/// <summary>
/// The key, secret, passphrase, permissions, IP allow-list or demo/live environment are wrong or missing
/// (<c>50101</c>, <c>50103</c>–<c>50107</c>, <c>50110</c>, <c>50111</c>, <c>50113</c>, <c>50119</c>, <c>50120</c>).
/// Never retried: the settings must change.
/// </summary>
public sealed class OkxCredentialsException : OkxException
{
    /// <summary>Creates the exception.</summary>
    public OkxCredentialsException(string message, string? code = null, int? httpStatus = null)
        : base(message, code, httpStatus)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "CredentialsError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
