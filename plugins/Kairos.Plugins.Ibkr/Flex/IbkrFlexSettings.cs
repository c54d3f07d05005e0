using System.Globalization;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>
/// Settings of the Flex Web Service client (configuration section <c>Plugins:ibkr</c>). <see cref="FlexToken"/> is a
/// secret that travels in the URL query; the client never logs it and <see cref="ToString"/> prints <c>***</c>.
/// </summary>
public sealed class IbkrFlexSettings
{
    /// <summary>The documented Flex Web Service root (SendRequest and, by default, GetStatement live under it).</summary>
    public static readonly Uri DefaultFlexBaseUrl = new("https://ndcdyn.interactivebrokers.com/AccountManagement/FlexWebService");

    /// <summary>
    /// When set, both calls go here (<c>{FlexBaseUrl}/SendRequest</c> and <c>{FlexBaseUrl}/GetStatement</c>).
    /// When null, SendRequest goes to <see cref="DefaultFlexBaseUrl"/> and GetStatement to the URL its answer names
    /// (only if that is an https <c>interactivebrokers.com</c> address, since the token is sent there).
    /// </summary>
    public Uri? FlexBaseUrl { get; init; }

    /// <summary>The Flex Web Service token (secret; it has an expiry date set in Client Portal).</summary>
    public string? FlexToken { get; init; }

    /// <summary>The id of the Activity Flex Query (XML format).</summary>
    public string? FlexQueryId { get; init; }

    /// <summary>Wait before the second GetStatement poll; each later wait doubles up to <see cref="PollMaxDelay"/>.</summary>
    public TimeSpan PollInitialDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between polls.</summary>
    public TimeSpan PollMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Give up when the statement is still not ready this long after the request was sent.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait IBKR asks for after "too many requests" (1018): at least 10 s.</summary>
    public TimeSpan TooManyRequestsDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when token and query id are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(FlexToken) && !string.IsNullOrWhiteSpace(FlexQueryId);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"IbkrFlexSettings {{ FlexBaseUrl = {FlexBaseUrl?.ToString() ?? "(documented host)"}, FlexToken = {(string.IsNullOrEmpty(FlexToken) ? "(unset)" : "***")}, FlexQueryId = {FlexQueryId} }}");
}
