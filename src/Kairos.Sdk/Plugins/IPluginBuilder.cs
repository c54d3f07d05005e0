using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Sdk.Plugins;

/// <summary>
/// What <see cref="TaskPlugin.Configure"/> declares the plugin's contributions with. Every method returns the
/// builder, so calls chain.
/// </summary>
public interface IPluginBuilder
{
    /// <summary>The plugin's id.</summary>
    string PluginId { get; }

    /// <summary>The plugin's version, as in its manifest.</summary>
    string Version { get; }

    /// <summary>
    /// The plugin's own services. The host has already added: <see cref="IPluginContext"/>, <see cref="IPluginDatabase"/>,
    /// <c>IHttpClientFactory</c> (every client with the standard resilience pipeline), <c>ITradingCalendar</c>,
    /// <see cref="IEventPublisher"/> (source = the plugin id), <see cref="IEventSubscriber"/>, <see cref="TimeProvider"/>,
    /// <c>ILogger&lt;T&gt;</c>, <see cref="IHostMaintenance"/>, <see cref="IConfiguration"/> (the plugin's settings)
    /// and the services exported by the plugins it depends on. <c>IHostedService</c>s added here start after
    /// <see cref="TaskPlugin.StartAsync"/> and stop at unload.
    /// </summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The plugin's settings: configuration section <c>Plugins:&lt;plugin_id&gt;</c> (<c>appsettings.json</c> or
    /// environment <c>Plugins__&lt;plugin_id&gt;__&lt;Key&gt;</c>), read when the plugin loads; a reload picks up changes.
    /// </summary>
    IConfiguration Settings { get; }

    /// <summary>The SQL dialect of the Kairos database, for migrations that differ between dialects.</summary>
    SqlDialect DatabaseDialect { get; }

    /// <summary>Registers a task instance (shared by all its runs, which may be concurrent).</summary>
    IPluginBuilder AddTask(IScheduledTask task);

    /// <summary>Registers a task created once from the plugin's services (constructor injection).</summary>
    IPluginBuilder AddTask<TTask>() where TTask : class, IScheduledTask;

    /// <summary>
    /// Calls <paramref name="handler"/> for every event whose type matches <paramref name="pattern"/>
    /// (<c>my.task.completed</c>, <c>fund.*</c>, <c>fund.#</c>) while the plugin is loaded.
    /// </summary>
    IPluginBuilder Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null);

    /// <summary>As <see cref="Subscribe(string, Func{KairosEvent, CancellationToken, Task}, SubscriptionOptions?)"/>, with the plugin's services.</summary>
    IPluginBuilder Subscribe(string pattern, Func<IServiceProvider, KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null);

    /// <summary>
    /// Maps HTTP endpoints served under <c>/api/v1/plugins/&lt;plugin_id&gt;/</c>: map <c>"/funds"</c> to answer
    /// <c>/api/v1/plugins/fund/funds</c>. They sit behind the same API keys as the rest of the API. Handlers run
    /// with the plugin's services as <c>HttpContext.RequestServices</c> and its JSON options.
    /// </summary>
    IPluginBuilder MapEndpoints(Action<IEndpointRouteBuilder> map);

    /// <summary>
    /// Declares a default job, created once (like the host's defaults) with id <c>&lt;plugin_id&gt;_&lt;name&gt;</c>;
    /// a user may change or delete it afterwards.
    /// </summary>
    IPluginBuilder AddJob(PluginJob job);

    /// <summary>
    /// Offers a service of this plugin to the plugins that declare a dependency on it. Register
    /// <typeparamref name="TService"/> in <see cref="Services"/> too; dependents resolve the same instance.
    /// Export interfaces or classes defined in this plugin's assembly (or the SDK/framework).
    /// </summary>
    IPluginBuilder Export<TService>() where TService : class;

    /// <summary>
    /// Adds a database migration, applied in version order when the plugin loads (each once, in a
    /// transaction). It may only create, alter or drop tables, indexes, views and triggers named
    /// <c>&lt;plugin_id&gt;_*</c>.
    /// </summary>
    IPluginBuilder AddMigration(PluginMigration migration);
}
