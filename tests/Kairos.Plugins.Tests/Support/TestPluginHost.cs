using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kairos.Plugins.Hosting;
using Kairos.Sdk;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Plugins.Tests.Support;

/// <summary>
/// The host side of the plugin system for tests: a real SQLite file, an in-memory task catalog and event bus.
/// It refuses any event data that is not JSON, which is how the tests prove plugin objects never cross into
/// the host.
/// </summary>
internal sealed class TestPluginHost : IPluginHost
{
    private readonly ConcurrentDictionary<string, (string PluginId, string Version, IScheduledTask Task)> _tasks = new(StringComparer.Ordinal);
    private readonly List<(string Pattern, Func<KairosEvent, CancellationToken, Task> Handler, Subscription Handle)> _subscriptions = [];
    private readonly Lock _lock = new();
    private long _sequence;

    public TestPluginHost(string dataDirectory, TimeProvider time, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = dataDirectory;
        Time = time;
        DatabasePath = Path.Combine(dataDirectory, "kairos.db");
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        Maintenance = new TestHostMaintenance(this);
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; } = NullLoggerFactory.Instance;

    public IConfiguration Configuration { get; }

    public ITradingCalendar Calendar { get; } = new WeekdayCalendar();

    public IHostMaintenance Maintenance { get; }

    public SqlDialect DatabaseDialect => SqlDialect.Sqlite;

    /// <summary>Every event published, in order.</summary>
    public ConcurrentQueue<KairosEvent> Events { get; } = new();

    /// <summary>Lifecycle events (plugin.*) as they are published.</summary>
    public Channel<KairosEvent> Lifecycle { get; } = Channel.CreateUnbounded<KairosEvent>();

    /// <summary>Each RegisterTasksAsync call: plugin id and version.</summary>
    public Channel<(string PluginId, string Version)> Registrations { get; } = Channel.CreateUnbounded<(string, string)>();

    public ConcurrentQueue<PluginJobSeed> Jobs { get; } = new();

    public int SubscriptionCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    public bool HasTask(string taskId) => _tasks.ContainsKey(taskId);

    public string? TaskVersion(string taskId) => _tasks.TryGetValue(taskId, out var t) ? t.Version : null;

    /// <summary>Runs a registered task the way the engine does and returns its result.</summary>
    public async Task<TaskResult> RunAsync(string taskId, JsonObject? config = null, CancellationToken cancellationToken = default)
    {
        if (!_tasks.TryGetValue(taskId, out var registered))
        {
            throw new InvalidOperationException($"task {taskId} is not registered");
        }
        var context = new TestTaskContext(taskId, config ?? [], this, registered.PluginId, Time, cancellationToken);
        var result = await Task.Run(() => registered.Task.ExecuteAsync(context, cancellationToken), CancellationToken.None);
        LastRunLog = context.Lines;
        return result;
    }

    public IReadOnlyList<string> LastRunLog { get; private set; } = [];

    public async Task<DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public Task RegisterTasksAsync(string pluginId, string pluginVersion, IReadOnlyList<IScheduledTask> tasks, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var task in tasks)
        {
            _tasks[task.TaskId] = (pluginId, pluginVersion, task);
        }
        Registrations.Writer.TryWrite((pluginId, pluginVersion));
        return Task.CompletedTask;
    }

    public Task UnregisterTasksAsync(string pluginId, CancellationToken cancellationToken)
    {
        foreach (var (taskId, _) in _tasks.Where(t => t.Value.PluginId == pluginId).ToList())
        {
            _tasks.TryRemove(taskId, out _);
        }
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options)
    {
        var handle = new Subscription(this);
        lock (_lock)
        {
            _subscriptions.Add((pattern, handler, handle));
        }
        return handle;
    }

    public IEventPublisher CreatePublisher(string source) => new Publisher(this, source, null);

    public Task EnsureJobsAsync(string pluginId, IReadOnlyList<PluginJobSeed> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            Jobs.Enqueue(job);
        }
        return Task.CompletedTask;
    }

    /// <summary>Delivers an event like the bus: the host stores it, then calls matching subscribers (here: at once, in order).</summary>
    internal async Task<KairosEvent> PublishAsync(string type, string source, object? data, string? subject, string? runId, CancellationToken cancellationToken)
    {
        var element = data switch
        {
            null => (JsonElement?)null,
            JsonElement e => e.Clone(),
            JsonNode n => JsonSerializer.SerializeToElement(n, KairosJson.Options),
            _ => throw new InvalidOperationException($"a {data.GetType().FullName} reached the host's event bus: plugin data must cross as JSON"),
        };
        var evt = new KairosEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = type,
            Source = source,
            Time = Time.GetUtcNow(),
            Subject = subject,
            Data = element,
            RunId = runId,
            Sequence = Interlocked.Increment(ref _sequence),
        };
        Events.Enqueue(evt);
        if (type.StartsWith("plugin.", StringComparison.Ordinal))
        {
            Lifecycle.Writer.TryWrite(evt);
        }
        List<Func<KairosEvent, CancellationToken, Task>> handlers;
        lock (_lock)
        {
            handlers = _subscriptions.Where(s => Matches(s.Pattern, type)).Select(s => s.Handler).ToList();
        }
        foreach (var handler in handlers)
        {
            await handler(evt, cancellationToken);
        }
        return evt;
    }

    private static bool Matches(string pattern, string type) =>
        pattern == type || pattern == "#" || (pattern.EndsWith(".#", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.Ordinal));

    private void Remove(Subscription handle)
    {
        lock (_lock)
        {
            _subscriptions.RemoveAll(s => s.Handle == handle);
        }
    }

    internal sealed class Subscription(TestPluginHost host) : IDisposable
    {
        public void Dispose() => host.Remove(this);
    }

    internal sealed class Publisher(TestPluginHost host, string source, string? runId) : IEventPublisher
    {
        public Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null, CancellationToken cancellationToken = default) =>
            host.PublishAsync(type, source, data, subject, runId, cancellationToken);
    }

    private sealed class WeekdayCalendar : ITradingCalendar
    {
        public IReadOnlyCollection<string> Markets { get; } = ["CN"];

        public bool IsTradingDay(string market, DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        public DateOnly NextTradingDay(string market, DateOnly date)
        {
            while (!IsTradingDay(market, date))
            {
                date = date.AddDays(1);
            }
            return date;
        }
    }
}
