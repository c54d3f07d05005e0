namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>Where the two Flex calls go.</summary>
internal static class FlexUrls
{
    /// <summary><c>{root}/{call}</c>.</summary>
    public static Uri Under(Uri root, string call) => new(root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + call, UriKind.Absolute);

    /// <summary>
    /// The GetStatement address: <c>{FlexBaseUrl}/GetStatement</c> when configured; otherwise the URL SendRequest named,
    /// but only an https <c>interactivebrokers.com</c> one, since the token is sent there; otherwise the documented one.
    /// </summary>
    /// <param name="flexBaseUrl">The configured root, or null.</param>
    /// <param name="named">The <c>Url</c> of the SendRequest answer.</param>
    /// <param name="trusted">False when a named URL was refused.</param>
    public static Uri StatementUrl(Uri? flexBaseUrl, string? named, out bool trusted)
    {
        trusted = true;
        if (flexBaseUrl is not null)
        {
            return Under(flexBaseUrl, "GetStatement");
        }
        var fallback = Under(IbkrFlexSettings.DefaultFlexBaseUrl, "GetStatement");
        if (string.IsNullOrWhiteSpace(named))
        {
            return fallback;
        }
        if (Uri.TryCreate(named.Trim(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            && (url.Host.Equals("interactivebrokers.com", StringComparison.OrdinalIgnoreCase)
                || url.Host.EndsWith(".interactivebrokers.com", StringComparison.OrdinalIgnoreCase)))
        {
            return new Uri(url.GetLeftPart(UriPartial.Path));
        }
        trusted = false;
        return fallback;
    }
}
