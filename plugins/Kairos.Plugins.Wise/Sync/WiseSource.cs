using Kairos.Plugins.Wise.Client;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Sync;

/// <summary>Creates a <see cref="WiseClient"/> for one run over the plugin's HTTP client (pipeline + authentication handler).</summary>
internal sealed class WiseSource(IHttpClientFactory httpClients, WisePluginSettings settings, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The portfolio source of everything this plugin writes.</summary>
    public const string Source = "wise";

    /// <summary>The name of the plugin's HTTP client.</summary>
    public const string HttpClientName = "wise";

    public WisePluginSettings Settings => settings;

    public TimeProvider Time => time;

    public bool HasToken => !string.IsNullOrWhiteSpace(settings.Client.ApiToken);

    public WiseClient CreateClient() =>
        new(httpClients.CreateClient(HttpClientName), settings.Client, time, loggers.CreateLogger<WiseClient>());
}
