using System.Globalization;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>Settings of the Client Portal gateway client (configuration section <c>Plugins:ibkr</c>).</summary>
public sealed class IbkrGatewaySettings
{
    /// <summary>The gateway's default API root.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://localhost:5000/v1/api");

    /// <summary>The gateway API root. Default <c>https://localhost:5000/v1/api</c>.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>
    /// Accept the gateway's self-signed TLS certificate. Honoured only for loopback hosts (<c>localhost</c>,
    /// <c>127.0.0.1</c>, <c>::1</c>): a certificate from any other host must be valid. Off by default.
    /// </summary>
    public bool AllowInsecureTls { get; init; }

    /// <summary>Only these accounts; empty = every account the gateway lists.</summary>
    public IReadOnlyList<string> AccountIds { get; init; } = [];

    /// <summary>Requests per second through the gateway (IBKR allows about 10).</summary>
    public int MaxRequestsPerSecond { get; init; } = 10;

    /// <summary>Least time between two <c>/portfolio/accounts</c> calls (IBKR allows 1 request every 5 s there).</summary>
    public TimeSpan AccountsInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Safety stop for position paging.</summary>
    public int MaxPositionPages { get; init; } = 1000;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"IbkrGatewaySettings {{ BaseUrl = {BaseUrl}, AllowInsecureTls = {AllowInsecureTls}, AccountIds = [{string.Join(", ", AccountIds)}], MaxRequestsPerSecond = {MaxRequestsPerSecond} }}");
}
