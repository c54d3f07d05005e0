using System.Data.Common;
using System.Text.Json;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Plugins.Hosting;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Kairos.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kairos.Server.Plugins;

/// <summary>What the plugin manager may use of the host: tasks go to the catalog, subscriptions to the bus, plugin-owned jobs to the job service.</summary>
public sealed partial class ServerPluginHost(
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IConfiguration configuration,
    ITradingCalendar calendar,
    HostMaintenance maintenance,
    SqliteKairosStore store,
    TaskCatalog catalog,
    EventBus bus,
    KairosEngine engine,
    JobService jobs) : IPluginHost
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ServerPluginHost>();

    public TimeProvider Time => time;
    public ILoggerFactory LoggerFactory => loggerFactory;
    public IConfiguration Configuration => configuration;
    public ITradingCalendar Calendar => calendar;
    public IHostMaintenance Maintenance => maintenance;
    public SqlDialect DatabaseDialect => SqlDialect.Sqlite;

    public async Task<DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.DatabasePath, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public Task RegisterTasksAsync(string pluginId, string pluginVersion, IReadOnlyList<IScheduledTask> tasks, IServiceProvider services, CancellationToken cancellationToken) =>
        catalog.RegisterAsync(pluginId, pluginVersion, tasks, services, cancellationToken);

    public Task UnregisterTasksAsync(string pluginId, CancellationToken cancellationToken) => catalog.UnregisterAsync(pluginId, cancellationToken);

    public IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options) =>
        bus.Subscribe(pattern, handler, options);

    public IEventPublisher CreatePublisher(string source) => bus.CreatePublisher(source);

    /// <summary>Creates each plugin-owned job once (like the host's defaults): a job the user changed or deleted is left alone.</summary>
    public async Task EnsureJobsAsync(string pluginId, IReadOnlyList<PluginJobSeed> seeds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        foreach (var seed in seeds)
        {
            if (!await engine.Store.Jobs.TryMarkSeededAsync("plugin-job:" + seed.JobId, cancellationToken).ConfigureAwait(false)
                || await engine.Store.Jobs.GetAsync(seed.JobId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }
            using var body = JsonDocument.Parse(seed.ToJobBody().ToJsonString());
            var errors = new ValidationErrors();
            var spec = JobSpecParser.Parse(body.RootElement, errors);
            if (spec is null || !errors.IsEmpty)
            {
                throw new InvalidOperationException($"plugin '{pluginId}' declares an invalid job '{seed.JobId}': " +
                    string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
            }
            await jobs.CreateAsync(spec, replaceExisting: false, allowMissingTask: true, cancellationToken).ConfigureAwait(false);
            LogCreated(_logger, seed.JobId, pluginId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created job {JobId} declared by plugin {PluginId}")]
    private static partial void LogCreated(ILogger logger, string jobId, string pluginId);
}
