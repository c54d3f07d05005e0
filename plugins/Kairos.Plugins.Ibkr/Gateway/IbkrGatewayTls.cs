using System.Net;
using System.Net.Security;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// TLS towards the local gateway, which serves a self-signed certificate. An untrusted certificate is accepted only
/// when <see cref="IbkrGatewaySettings.AllowInsecureTls"/> is on <em>and</em> the connection's host is loopback; the
/// host is checked per connection, so a redirect to another host still needs a valid certificate.
/// </summary>
public static class IbkrGatewayTls
{
    /// <summary>True for <c>localhost</c> and loopback addresses (<c>127.0.0.0/8</c>, <c>::1</c>; brackets allowed).</summary>
    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }
        var bare = host.Trim();
        if (bare.StartsWith('[') && bare.EndsWith(']'))
        {
            bare = bare[1..^1];
        }
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>
    /// Whether a server certificate is accepted: always when it validated, otherwise only with
    /// <paramref name="allowInsecureTls"/> on a loopback <paramref name="host"/>.
    /// </summary>
    public static bool AcceptsCertificate(bool allowInsecureTls, string? host, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None || (allowInsecureTls && IsLoopbackHost(host));

    /// <summary>
    /// The primary handler for the gateway's HTTP client: a <see cref="SocketsHttpHandler"/> whose certificate check
    /// applies <see cref="AcceptsCertificate"/>. The host puts the standard resilience handler on top of it.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler(IbkrGatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var allowInsecure = settings.AllowInsecureTls;
        return new SocketsHttpHandler
        {
            // The gateway answers with cookies and redirects of its own; the client follows neither blindly.
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, _, _, errors) =>
                    AcceptsCertificate(allowInsecure, (sender as SslStream)?.TargetHostName, errors),
            },
        };
    }
}
