using System.Globalization;
using Kairos.Plugins.Fund.Tiantian;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Fund;

/// <summary>The fund plugin's settings (<c>Plugins:fund:*</c>).</summary>
/// <param name="Tiantian">The 'tiantian' client's settings: <c>EstimateBaseUrl</c>, <c>HistoryBaseUrl</c>, <c>RequestIntervalMilliseconds</c>, <c>RequestJitterMilliseconds</c>, <c>HistoryPageSize</c>.</param>
/// <param name="InitialHistoryDays"><c>InitialHistoryDays</c>: how far back the first NAV update of a fund reaches (default 370).</param>
/// <param name="AccountId"><c>AccountId</c>: the portfolio account of the fund holdings (default <c>default</c>).</param>
public sealed record FundSettings(TiantianSettings Tiantian, int InitialHistoryDays, string AccountId)
{
    /// <summary>Reads the settings; a malformed value fails with a message naming its key.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static FundSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new TiantianSettings();
        var tiantian = defaults with
        {
            EstimateBaseUrl = Url(settings, "EstimateBaseUrl") ?? defaults.EstimateBaseUrl,
            HistoryBaseUrl = Url(settings, "HistoryBaseUrl") ?? defaults.HistoryBaseUrl,
            RequestInterval = Millis(settings, "RequestIntervalMilliseconds") ?? defaults.RequestInterval,
            RequestJitter = Millis(settings, "RequestJitterMilliseconds") ?? defaults.RequestJitter,
            HistoryPageSize = Int(settings, "HistoryPageSize", 1) ?? defaults.HistoryPageSize,
        };
        var account = settings["AccountId"];
        return new FundSettings(tiantian, Int(settings, "InitialHistoryDays", 1) ?? 370, string.IsNullOrWhiteSpace(account) ? "default" : account.Trim());
    }

    private static Uri? Url(IConfiguration settings, string key)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"Plugins:fund:{key} '{text}' is not an http(s) URL such as https://fundgz.1234567.com.cn.");
    }

    private static TimeSpan? Millis(IConfiguration settings, string key) => Int(settings, key, 0) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    private static int? Int(IConfiguration settings, string key, int minimum)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new InvalidOperationException($"Plugins:fund:{key} '{text}' must be a whole number of at least {minimum}.");
    }
}
