using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>The brokerage session state (<c>POST /iserver/auth/status</c>, also inside the tickle answer).</summary>
/// <param name="Authenticated">A brokerage session exists.</param>
/// <param name="Connected">The gateway is connected to IBKR's backend.</param>
/// <param name="Competing">Another platform holds the user's only brokerage session.</param>
/// <param name="Message">The gateway's message, if any.</param>
/// <param name="Fail">The gateway's failure text, if any.</param>
/// <param name="ServerName"><c>serverInfo.serverName</c>.</param>
/// <param name="ServerVersion"><c>serverInfo.serverVersion</c>.</param>
public sealed record IbkrAuthStatus(
    bool Authenticated,
    bool Connected,
    bool Competing,
    string? Message,
    string? Fail,
    string? ServerName,
    string? ServerVersion)
{
    /// <summary>The session can be used: authenticated, connected and not competing.</summary>
    public bool IsUsable => Authenticated && Connected && !Competing;

    internal static IbkrAuthStatus Parse(JsonElement obj)
    {
        var server = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("serverInfo", out var info) ? info : default;
        return new IbkrAuthStatus(
            IbkrJson.Boolean(obj, "authenticated"),
            IbkrJson.Boolean(obj, "connected"),
            IbkrJson.Boolean(obj, "competing"),
            IbkrJson.Text(obj, "message"),
            IbkrJson.Text(obj, "fail"),
            IbkrJson.Text(server, "serverName"),
            IbkrJson.Text(server, "serverVersion"));
    }
}
