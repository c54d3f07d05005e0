using System.Globalization;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Rates;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Wise;

/// <summary>The wise plugin's settings (<c>Plugins:wise:*</c>).</summary>
/// <param name="Client">The client's settings: <c>BaseUrl</c>, <c>ApiToken</c> (secret), <c>ProfileId</c>, <c>ScaPrivateKeyPath</c> (secret).</param>
/// <param name="RatePairs"><c>RatePairs</c>: the pairs <c>wise_exchange_rate_sync</c> reads; empty = derived from the balances.</param>
public sealed record WisePluginSettings(WiseSettings Client, IReadOnlyList<CurrencyPair> RatePairs)
{
    /// <summary>
    /// Reads the settings. A missing token is allowed (the tasks then fail with a configuration error); a malformed
    /// value fails with a message naming its key (never repeating a secret).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static WisePluginSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = new WiseSettings
        {
            BaseUrl = Url(settings["BaseUrl"]) ?? new WiseSettings().BaseUrl,
            ApiToken = Trimmed(settings["ApiToken"]),
            ProfileId = ProfileId(settings["ProfileId"]),
            ScaPrivateKeyPath = Trimmed(settings["ScaPrivateKeyPath"]),
        };
        return new WisePluginSettings(client, Pairs(settings["RatePairs"]));
    }

    /// <summary>The settings with the secrets masked.</summary>
    public override string ToString() => $"WisePluginSettings {{ {Client}, RatePairs = [{string.Join(", ", RatePairs)}] }}";

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Uri? Url(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Plugins:wise:BaseUrl '{text}' is not an http(s) URL such as https://api.wise.com.");
    }

    private static long? ProfileId(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new InvalidOperationException($"Plugins:wise:ProfileId '{text}' is not a Wise profile id (a positive number such as 30000001; see GET /v2/profiles).");
    }

    private static CurrencyPair[] Pairs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var pairs = new List<CurrencyPair>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = CurrencyPair.TryParse(part)
                ?? throw new InvalidOperationException($"Plugins:wise:RatePairs entry '{part}' is not a currency pair such as EUR/USD (two ISO 4217 codes separated by '/').");
            if (!pairs.Contains(pair))
            {
                pairs.Add(pair);
            }
        }
        return [.. pairs];
    }
}
