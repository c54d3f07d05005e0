using System.Globalization;

namespace Kairos.Plugins.Okx.Client;

/// <summary>
/// Settings of the OKX client (configuration section <c>Plugins:okx</c>). <see cref="ApiKey"/>, <see cref="SecretKey"/>
/// and <see cref="Passphrase"/> are secrets: <see cref="ToString"/> prints them as <c>***</c> and the client never logs them.
/// </summary>
public sealed class OkxSettings
{
    /// <summary>The default REST host, used for live and demo trading alike.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://www.okx.com");

    /// <summary>REST base URL (scheme and host, optionally a path prefix). Default <c>https://www.okx.com</c>.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>API key (secret). Needed for account and asset calls; market data works without it.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Secret key used to sign requests (secret).</summary>
    public string? SecretKey { get; init; }

    /// <summary>Passphrase chosen when the key was created (secret; sent as a header, never logged).</summary>
    public string? Passphrase { get; init; }

    /// <summary>Demo trading: every request carries <c>x-simulated-trading: 1</c> (needs a demo API key).</summary>
    public bool Simulated { get; init; }

    /// <summary>Instrument ids for market data (<c>BTC-USDT</c>, <c>BTC-USDT-SWAP</c>); empty = chosen by the sync.</summary>
    public IReadOnlyList<string> Instruments { get; init; } = [];

    /// <summary>Retries after a rate-limit or "try again" answer (<c>50011</c>, <c>50013</c>, <c>50001</c>, <c>50004</c>, <c>50026</c>) within one call.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>
    /// First back-off after a rate-limit answer; doubles per retry. OKX sends no <c>Retry-After</c>, so this is the
    /// endpoint's window (2 s; the funding balance endpoint uses half of it, its window being 1 s).
    /// </summary>
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single back-off.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a measured clock offset is trusted before it is measured again.</summary>
    public TimeSpan ClockResyncInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>True when key, secret and passphrase are all set.</summary>
    public bool HasCredentials =>
        !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(SecretKey) && !string.IsNullOrEmpty(Passphrase);

    /// <summary>The settings with every secret shown as <c>***</c> (unset ones as <c>(unset)</c>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"OkxSettings {{ BaseUrl = {BaseUrl}, ApiKey = {Mask(ApiKey)}, SecretKey = {Mask(SecretKey)}, Passphrase = {Mask(Passphrase)}, " +
        $"Simulated = {Simulated}, Instruments = [{string.Join(", ", Instruments)}] }}");

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(unset)" : "***";
}
