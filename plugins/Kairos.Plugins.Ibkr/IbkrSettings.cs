using System.Globalization;
using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Gateway;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Ibkr;

/// <summary>
/// The ibkr plugin's settings (<c>Plugins:ibkr:*</c>): <c>Mode</c>; for the gateway <c>BaseUrl</c>,
/// <c>AllowInsecureTls</c>; for Flex <c>FlexBaseUrl</c>, <c>FlexToken</c> (secret), <c>FlexQueryId</c>; for both
/// <c>AccountIds</c>. <see cref="ToString"/> never shows the token.
/// </summary>
/// <param name="Mode">Where the data comes from.</param>
/// <param name="Gateway">The gateway client's settings (used in <see cref="IbkrMode.Gateway"/>).</param>
/// <param name="Flex">The Flex client's settings (used in <see cref="IbkrMode.Flex"/>).</param>
/// <param name="AccountIds">Only these accounts (both modes); empty = every account.</param>
public sealed record IbkrSettings(IbkrMode Mode, IbkrGatewaySettings Gateway, IbkrFlexSettings Flex, IReadOnlyList<string> AccountIds)
{
    private const string Prefix = "Plugins:ibkr:";

    /// <summary>Reads the settings; a malformed value fails with a message naming its key (the token is never quoted).</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static IbkrSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mode = ReadMode(settings["Mode"]);
        var accounts = AccountList(settings);
        var gateway = new IbkrGatewaySettings
        {
            BaseUrl = Url(settings, "BaseUrl") ?? IbkrGatewaySettings.DefaultBaseUrl,
            AllowInsecureTls = Bool(settings, "AllowInsecureTls"),
            AccountIds = accounts,
        };
        var flex = new IbkrFlexSettings
        {
            FlexBaseUrl = Url(settings, "FlexBaseUrl"),
            FlexToken = Trimmed(settings["FlexToken"]),
            FlexQueryId = Trimmed(settings["FlexQueryId"]),
        };
        return new IbkrSettings(mode, gateway, flex, accounts);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"IbkrSettings {{ Mode = {Mode}, AccountIds = [{string.Join(", ", AccountIds)}], Gateway = {Gateway}, Flex = {Flex} }}");

    private static IbkrMode ReadMode(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" => IbkrMode.NotConfigured,
        "GATEWAY" => IbkrMode.Gateway,
        "FLEX" => IbkrMode.Flex,
        _ => throw new InvalidOperationException($"{Prefix}Mode '{text}' must be 'gateway' (Client Portal gateway) or 'flex' (Flex Web Service), or unset."),
    };

    private static List<string> AccountList(IConfiguration settings)
    {
        // A comma-separated string (environment variables) or an array (appsettings.json).
        var parts = settings.GetSection("AccountIds").GetChildren().Select(c => c.Value).Append(settings["AccountIds"]);
        return parts
            .SelectMany(p => (p ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
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
            : throw new InvalidOperationException($"{Prefix}{key} '{text}' is not an http(s) URL such as https://localhost:5000/v1/api.");
    }

    private static bool Bool(IConfiguration settings, string key)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        return bool.TryParse(text.Trim(), out var value)
            ? value
            : throw new InvalidOperationException($"{Prefix}{key} '{text}' must be true or false.");
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
