using System.Text.Json;
using Kairos.Plugins.Discovery;
using Kairos.Plugins.Hosting;
using Kairos.Plugins.Loading;
using Kairos.Plugins.Manifests;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NuGet.Versioning;

namespace Kairos.Plugins.Runtime;

/// <summary>
/// One loaded version of a plugin: its load context, plugin object, services, settings, JSON options and
/// everything it contributed. Only the plugin manager holds it; dropping it (after <see cref="PluginManager"/>
/// tore it down) lets the load context be collected.
/// </summary>
internal sealed class PluginRuntime
{
    public PluginRuntime(PluginCandidate candidate, PluginManifest manifest, PluginLoadContext context, string shadowFolder)
    {
        Candidate = candidate;
        Manifest = manifest;
        Context = context;
        ShadowFolder = shadowFolder;
    }

    public PluginCandidate Candidate { get; }

    public PluginManifest Manifest { get; }

    public string PluginId => Manifest.Id;

    public NuGetVersion Version => Manifest.Version;

    public PluginLoadContext Context { get; }

    public string ShadowFolder { get; }

    public PluginActivity Activity { get; } = new();

    public CancellationTokenSource Stopping { get; } = new();

    public JsonSerializerOptions JsonOptions { get; set; } = null!;

    public TaskPlugin? Plugin { get; set; }

    public IServiceProvider Services { get; set; } = EmptyServices.Instance;

    public IConfigurationRoot? Settings { get; set; }

    public IReadOnlyList<IScheduledTask> Tasks { get; set; } = [];

    public IReadOnlyList<PluginSubscription> Subscriptions { get; set; } = [];

    public IReadOnlyList<PluginJobSeed> Jobs { get; set; } = [];

    public IReadOnlyList<Type> Exports { get; set; } = [];

    public IReadOnlyList<IHostedService> HostedServices { get; set; } = [];

    public RequestDelegate? Router { get; set; }

    public List<IDisposable> SubscriptionHandles { get; } = [];

    public bool Started { get; set; }

    /// <summary>Drops every reference into the plugin's load context (after it was stopped and disposed).</summary>
    public void Release()
    {
        Plugin = null;
        Services = EmptyServices.Instance;
        Settings = null;
        Tasks = [];
        Subscriptions = [];
        Jobs = [];
        Exports = [];
        HostedServices = [];
        Router = null;
        SubscriptionHandles.Clear();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
