using Kairos.Plugins.Okx.Client;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Okx;

/// <summary>Reads the okx plugin's settings (<c>Plugins:okx:*</c>) into <see cref="OkxSettings"/>.</summary>
public static class OkxPluginSettings
{
    /// <summary>
    /// Reads the settings. Missing credentials are allowed (market data works without them; the private tasks then fail
    /// with a configuration error); a malformed value fails with a message naming its key (never repeating a secret).
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static OkxSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new OkxSettings
        {
            BaseUrl = Url(settings["BaseUrl"]) ?? OkxSettings.DefaultBaseUrl,
            ApiKey = Trimmed(settings["ApiKey"]),
            SecretKey = Trimmed(settings["SecretKey"]),
            Passphrase = Trimmed(settings["Passphrase"]),
            Simulated = Flag(settings["Simulated"]),
            Instruments = Instruments(settings["Instruments"], "Plugins:okx:Instruments"),
        };
    }

    /// <summary>Instrument ids from a comma-separated list, upper case, each once; a malformed id fails naming <paramref name="key"/>.</summary>
    /// <exception cref="InvalidOperationException">An id is not letters and digits joined by '-'.</exception>
    public static IReadOnlyList<string> Instruments(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var ids = new List<string>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var id = InstrumentId(part) ?? throw new InvalidOperationException($"{key} entry '{part}' is not an OKX instrument id such as BTC-USDT or BTC-USDT-SWAP.");
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>An instrument id in upper case (<c>btc-usdt</c> → <c>BTC-USDT</c>), or null when it is not letters and digits joined by '-'.</summary>
    public static string? InstrumentId(string? text)
    {
        var parts = text?.Trim().Split('-');
        return parts is { Length: >= 2 and <= 5 } && parts.All(p => p.Length is > 0 and <= 20 && p.All(char.IsAsciiLetterOrDigit))
            ? string.Join('-', parts).ToUpperInvariant()
            : null;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Uri? Url(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Plugins:okx:BaseUrl '{text}' is not an http(s) URL such as https://www.okx.com.");
    }

    private static bool Flag(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new InvalidOperationException($"Plugins:okx:Simulated '{text}' is not true or false."),
    };
}
