using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>The keep-alive answer (<c>POST /tickle</c>). The session id is deliberately not exposed.</summary>
/// <param name="SsoExpiresIn">Time left on the SSO session (<c>ssoExpires</c>, milliseconds).</param>
/// <param name="Collision"><c>collission</c> (sic): another session collided with this one.</param>
/// <param name="UserId"><c>userId</c>.</param>
/// <param name="AuthStatus"><c>iserver.authStatus</c>, when present.</param>
public sealed record IbkrTickle(TimeSpan? SsoExpiresIn, bool Collision, long? UserId, IbkrAuthStatus? AuthStatus)
{
    internal static IbkrTickle Parse(JsonElement obj)
    {
        const string What = "tickle";
        IbkrAuthStatus? status = null;
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("iserver", out var iserver)
            && iserver.ValueKind == JsonValueKind.Object && iserver.TryGetProperty("authStatus", out var auth))
        {
            status = IbkrAuthStatus.Parse(auth);
        }
        return new IbkrTickle(
            IbkrJson.Int64(obj, "ssoExpires", What) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            IbkrJson.Boolean(obj, "collission"),
            IbkrJson.Int64(obj, "userId", What),
            status);
    }
}
