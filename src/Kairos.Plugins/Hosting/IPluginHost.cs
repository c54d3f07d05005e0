using System.Data.Common;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Hosting;

/// <summary>
/// What the plugin system needs from the server. The server implements it over its engine, event bus, job
/// service and store; the plugin system never references them. Implementations hold no plugin type beyond
/// what they are given and release it on <see cref="UnregisterTasksAsync"/> / disposal of a subscription.
/// </summary>
public interface IPluginHost
{
    /// <summary>The clock.</summary>
    TimeProvider Time { get; }

    /// <summary>The host's logger factory (plugins log through it).</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>The host configuration; a plugin's settings are its section <c>Plugins:&lt;id&gt;</c>.</summary>
    IConfiguration Configuration { get; }

    /// <summary>The trading calendars.</summary>
    ITradingCalendar Calendar { get; }

    /// <summary>Housekeeping of the host's data, offered to plugins.</summary>
    IHostMaintenance Maintenance { get; }

    /// <summary>The dialect of the Kairos database.</summary>
    SqlDialect DatabaseDialect { get; }

    /// <summary>Opens a new connection to the Kairos database (SQLite: the data folder's file, WAL, busy timeout).</summary>
    Task<DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Makes tasks runnable (→ <c>TaskCatalog.RegisterAsync</c>); jobs waiting for them resume.</summary>
    Task RegisterTasksAsync(string pluginId, string pluginVersion, IReadOnlyList<IScheduledTask> tasks, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Makes every task of the plugin unavailable (→ <c>TaskCatalog.UnregisterAsync</c>); their jobs go to <c>waiting_for_plugin</c>.</summary>
    Task UnregisterTasksAsync(string pluginId, CancellationToken cancellationToken);

    /// <summary>Subscribes a handler to the event bus (→ <c>EventBus.Subscribe</c>); disposing unsubscribes.</summary>
    IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options);

    /// <summary>A publisher with a fixed source (→ <c>EventBus.CreatePublisher</c>); the plugin system passes data as <c>JsonElement</c> only.</summary>
    IEventPublisher CreatePublisher(string source);

    /// <summary>
    /// Creates a plugin's default jobs that were never created before (like the host's own default jobs: a
    /// job the user deleted is not created again). Jobs whose task is not available yet are created waiting.
    /// </summary>
    Task EnsureJobsAsync(string pluginId, IReadOnlyList<PluginJobSeed> jobs, CancellationToken cancellationToken);
}
