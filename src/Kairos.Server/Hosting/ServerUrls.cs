using Kairos.Server.Security;

namespace Kairos.Server.Hosting;

/// <summary>
/// Finds every address the server was asked to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>*_HTTP_PORTS</c>,
/// <c>Kestrel:Endpoints</c>), falls back to <see cref="ListenAddressPolicy.DefaultUrl"/> when there is none, and
/// applies <see cref="ListenAddressPolicy"/> before anything binds.
/// </summary>
public static class ServerUrls
{
    public static IReadOnlyList<string> Configure(WebApplicationBuilder builder, bool keyConfiguredExplicitly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var urls = Requested(builder);
        if (urls.Count == 0)
        {
            builder.WebHost.UseUrls(ListenAddressPolicy.DefaultUrl);
            urls = [ListenAddressPolicy.DefaultUrl];
        }

        ListenAddressPolicy.Enforce(urls, keyConfiguredExplicitly);
        return urls;
    }

    private static List<string> Requested(WebApplicationBuilder builder)
    {
        var urls = new List<string>();
        urls.AddRange(Split(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)));
        urls.AddRange(Split(builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey)).Select(port => $"http://*:{port}"));
        urls.AddRange(Split(builder.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey)).Select(port => $"https://*:{port}"));
        urls.AddRange(builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>()
            .Where(url => url.Length > 0));
        return urls;
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
