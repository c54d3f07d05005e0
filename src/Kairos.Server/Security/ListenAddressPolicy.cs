using System.Net;
using Kairos.Server.Hosting;

namespace Kairos.Server.Security;

/// <summary>
/// Kairos listens on loopback unless told otherwise, and refuses to listen anywhere else unless
/// <c>KAIROS_API_KEY</c> was configured explicitly: a generated key sits in a file on this machine only,
/// so a server reachable from the network with it would be guarded by a key nobody deliberately chose.
/// </summary>
public static class ListenAddressPolicy
{
    /// <summary>The address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> (nor ports, nor Kestrel endpoints) is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The addresses among <paramref name="urls"/> that are not loopback (<c>*</c>, <c>0.0.0.0</c>, host names, LAN addresses…).</summary>
    public static IReadOnlyList<string> NonLoopback(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Where(url => !IsLoopback(url)).ToList();
    }

    /// <summary>Throws <see cref="KairosStartupException"/> when a non-loopback address is requested without an explicit key.</summary>
    public static void Enforce(IEnumerable<string> urls, bool keyConfiguredExplicitly)
    {
        var exposed = NonLoopback(urls);
        if (exposed.Count > 0 && !keyConfiguredExplicitly)
        {
            throw new KairosStartupException(
                $"Refusing to listen on {string.Join(", ", exposed)}: not a loopback address, and KAIROS_API_KEY is not set. "
                + "Set KAIROS_API_KEY to the key clients must send, or listen on 127.0.0.1 (e.g. --urls http://127.0.0.1:5080).");
        }
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8, <c>[::1]</c> and Unix sockets.</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
