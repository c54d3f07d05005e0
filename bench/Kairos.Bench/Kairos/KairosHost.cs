using Kairos.Conditions.Calendars;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Sdk.Tasks;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench.Kairos;

/// <summary>
/// A whole Kairos in this process, wired the way the server wires it (store → event bus → task catalog → engine →
/// job service) on the real clock. The server adds HTTP and plugins around exactly these objects.
/// </summary>
public sealed class KairosHost : IAsyncDisposable
{
    private bool _stopped;

    private KairosHost(SqliteKairosStore store, EventBus bus, TaskCatalog catalog, KairosEngine engine)
    {
        Store = store;
        Bus = bus;
        Catalog = catalog;
        Engine = engine;
        Jobs = new JobService(engine);
    }

    public SqliteKairosStore Store { get; }
    public EventBus Bus { get; }
    public TaskCatalog Catalog { get; }
    public KairosEngine Engine { get; }
    public JobService Jobs { get; }

    /// <summary>Opens the data folder and registers the built-in tasks and <paramref name="tasks"/>; the engine is not started.</summary>
    public static async Task<KairosHost> OpenAsync(string dataDirectory, EngineOptions options, IEnumerable<IScheduledTask> tasks, bool synchronousFull = true)
    {
        var time = TimeProvider.System;
        var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = dataDirectory, SynchronousFull = synchronousFull, Time = time });
        await store.InitializeAsync().ConfigureAwait(false);
        var bus = new EventBus(store.Events, time, NullLogger<EventBus>.Instance);
        await bus.StartAsync(CancellationToken.None).ConfigureAwait(false);
        var catalog = new TaskCatalog(store, time);
        var calendar = TradingCalendarLoader.LoadDefault(dataDirectory);
        var engine = new KairosEngine(store, bus, catalog, calendar, time, options, NullLoggerFactory.Instance);
        var host = new KairosHost(store, bus, catalog, engine);
        await catalog.RegisterBuiltInsAsync(EmptyServices.Instance).ConfigureAwait(false);
        await catalog.RegisterAsync("bench", "1.0.0", tasks, EmptyServices.Instance).ConfigureAwait(false);
        return host;
    }

    /// <summary>Stops the engine (flushing every run record), the bus and the store.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await Engine.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await Engine.DisposeAsync().ConfigureAwait(false);
        await Bus.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
