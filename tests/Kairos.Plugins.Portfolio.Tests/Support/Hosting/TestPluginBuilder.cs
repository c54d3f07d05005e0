using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kairos.Plugins.Portfolio.Tests.Support.Hosting;

/// <summary>Records what a plugin declares in Configure, as the host's builder does.</summary>
internal sealed class TestPluginBuilder(string pluginId, string version, IServiceCollection services, IConfiguration settings) : IPluginBuilder
{
    public string PluginId => pluginId;

    public string Version => version;

    public IServiceCollection Services => services;

    public IConfiguration Settings => settings;

    public SqlDialect DatabaseDialect => SqlDialect.Sqlite;

    public List<IScheduledTask> TaskInstances { get; } = [];

    public List<Type> TaskTypes { get; } = [];

    public List<(string Pattern, Func<IServiceProvider, KairosEvent, CancellationToken, Task> Handler)> Subscriptions { get; } = [];

    public List<Action<IEndpointRouteBuilder>> EndpointMaps { get; } = [];

    public List<PluginJob> Jobs { get; } = [];

    public List<Type> Exports { get; } = [];

    public List<PluginMigration> Migrations { get; } = [];

    public IPluginBuilder AddTask(IScheduledTask task)
    {
        TaskInstances.Add(task);
        return this;
    }

    public IPluginBuilder AddTask<TTask>() where TTask : class, IScheduledTask
    {
        services.TryAddSingleton<TTask>();
        TaskTypes.Add(typeof(TTask));
        return this;
    }

    public IPluginBuilder Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null) =>
        Subscribe(pattern, (_, e, ct) => handler(e, ct), options);

    public IPluginBuilder Subscribe(string pattern, Func<IServiceProvider, KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        Subscriptions.Add((pattern, handler));
        return this;
    }

    public IPluginBuilder MapEndpoints(Action<IEndpointRouteBuilder> map)
    {
        EndpointMaps.Add(map);
        return this;
    }

    public IPluginBuilder AddJob(PluginJob job)
    {
        Jobs.Add(job);
        return this;
    }

    public IPluginBuilder Export<TService>() where TService : class
    {
        Exports.Add(typeof(TService));
        return this;
    }

    public IPluginBuilder AddMigration(PluginMigration migration)
    {
        Migrations.Add(migration);
        return this;
    }
}
