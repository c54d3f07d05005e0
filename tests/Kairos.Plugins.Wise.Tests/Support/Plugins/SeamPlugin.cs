using Kairos.Sdk.Http;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Sync.Testing;

/// <summary>
/// A plugin exactly as written, plus the two test seams a host would not add: the <see cref="DrivenClock"/> as the
/// plugin's clock (so the HTTP pipeline's waits run on it) and a pipeline whose timeouts are hours (so only retry
/// delays are advanced). Everything else — settings, handlers, tasks, migrations — is the plugin's own.
/// </summary>
/// <remarks>Shared as source by the Wise and OKX plugin tests.</remarks>
internal sealed class SeamPlugin(TaskPlugin inner, DrivenClock clock, string httpClientName) : TaskPlugin
{
    public static readonly HttpResilienceSettings Resilience = new()
    {
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(60),
        AttemptTimeout = TimeSpan.FromHours(1),
        TotalTimeout = TimeSpan.FromHours(2),
    };

    public override string Id => inner.Id;

    public override string Name => inner.Name;

    public override string Version => inner.Version;

    public override string Description => inner.Description;

    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        inner.Configure(plugin);
        plugin.Services.AddSingleton<TimeProvider>(clock);
        plugin.Services.AddPluginHttpClient(httpClientName, resilience: Resilience);
    }

    public override Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StartAsync(services, cancellationToken);

    public override Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => inner.StopAsync(services, cancellationToken);
}
