using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kairos.Plugins.Loading;

/// <summary>Collects what a plugin declares in <see cref="TaskPlugin.Configure"/>.</summary>
internal sealed class PluginBuilder(string pluginId, string version, IServiceCollection services, IConfiguration settings, SqlDialect dialect) : IPluginBuilder
{
    public string PluginId => pluginId;

    public string Version => version;

    public IServiceCollection Services => services;

    public IConfiguration Settings => settings;

    public SqlDialect DatabaseDialect => dialect;

    public List<IScheduledTask> TaskInstances { get; } = [];

    public List<Type> TaskTypes { get; } = [];

    public List<PluginSubscription> Subscriptions { get; } = [];

    public List<Action<IEndpointRouteBuilder>> EndpointMaps { get; } = [];

    public List<PluginJob> Jobs { get; } = [];

    public List<Type> Exports { get; } = [];

    public List<PluginMigration> Migrations { get; } = [];

    public IPluginBuilder AddTask(IScheduledTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        TaskInstances.Add(task);
        return this;
    }

    public IPluginBuilder AddTask<TTask>() where TTask : class, IScheduledTask
    {
        services.TryAddSingleton<TTask>();
        TaskTypes.Add(typeof(TTask));
        return this;
    }

    public IPluginBuilder Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Subscribe(pattern, (_, evt, ct) => handler(evt, ct), options);
    }

    public IPluginBuilder Subscribe(string pattern, Func<IServiceProvider, KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        Subscriptions.Add(new PluginSubscription(pattern, handler, options));
        return this;
    }

    public IPluginBuilder MapEndpoints(Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        EndpointMaps.Add(map);
        return this;
    }

    public IPluginBuilder AddJob(PluginJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Jobs.Add(job);
        return this;
    }

    public IPluginBuilder Export<TService>() where TService : class
    {
        if (!Exports.Contains(typeof(TService)))
        {
            Exports.Add(typeof(TService));
        }
        return this;
    }

    public IPluginBuilder AddMigration(PluginMigration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        Migrations.Add(migration);
        return this;
    }
}

/// <summary>An event subscription a plugin declared.</summary>
internal sealed record PluginSubscription(string Pattern, Func<IServiceProvider, KairosEvent, CancellationToken, Task> Handler, SubscriptionOptions? Options);
