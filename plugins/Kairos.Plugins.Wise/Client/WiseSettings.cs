namespace Kairos.Plugins.Wise.Client;

/// <summary>Settings of the Wise client, bound from <c>Plugins:wise:*</c>. <see cref="ToString"/> never shows the secrets.</summary>
public sealed record WiseSettings
{
    /// <summary>API host: production <c>https://api.wise.com</c>, sandbox <c>https://api.wise-sandbox.com</c>.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.wise.com");

    /// <summary>Personal API token (secret), sent as <c>Authorization: Bearer</c>. Never logged.</summary>
    public string? ApiToken { get; init; }

    /// <summary>Profile to sync; <c>null</c> = every profile the token can see.</summary>
    public long? ProfileId { get; init; }

    /// <summary>
    /// Path of the PEM RSA private key whose public key is uploaded in Wise (secret). Used only to answer a strong
    /// customer authentication challenge; <c>null</c> = statements that need SCA are reported as unavailable.
    /// </summary>
    public string? ScaPrivateKeyPath { get; init; }

    /// <summary>Shows the settings with the token and key path replaced by <c>***</c>.</summary>
    public override string ToString() =>
        $"WiseSettings {{ BaseUrl = {BaseUrl}, ApiToken = {Mask(ApiToken)}, ProfileId = {ProfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(all)"}, ScaPrivateKeyPath = {Mask(ScaPrivateKeyPath)} }}";

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "***";
}
