using Kairos.Sdk.Events;
using Kairos.Storage.Events;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Events.Tests.Support;

/// <summary>A real SQLite store in a temporary folder, an <see cref="EventBus"/> on it and a fake clock.</summary>
internal sealed class BusHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private BusHarness(string directory, bool ownsDirectory, SqliteKairosStore store, EventBus bus, SignallingTimeProvider time)
    {
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        Store = store;
        Bus = bus;
        Time = time;
    }

    public string Directory { get; }
    public SqliteKairosStore Store { get; }
    public EventBus Bus { get; }
    public SignallingTimeProvider Time { get; }

    public static async Task<BusHarness> StartAsync(
        EventBusOptions? options = null, string? directory = null, SignallingTimeProvider? time = null, Func<IEventLog, IEventLog>? wrapLog = null)
    {
        var ownsDirectory = directory is null;
        directory ??= System.IO.Directory.CreateTempSubdirectory("kairos-events-").FullName;
        time ??= new SignallingTimeProvider();
        var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = directory, Time = time, SynchronousFull = false });
        await store.InitializeAsync();
        var bus = new EventBus(wrapLog?.Invoke(store.Events) ?? store.Events, time, NullLogger<EventBus>.Instance, options);
        await bus.StartAsync(CancellationToken.None);
        return new BusHarness(directory, ownsDirectory, store, bus, time);
    }

    /// <summary>A draft with the test's defaults.</summary>
    public static EventDraft Draft(string type, object? data = null, string source = "tests", string? subject = null, string? runId = null) => new()
    {
        Type = type,
        Source = source,
        Subject = subject,
        RunId = runId,
        Data = data is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(data, Kairos.Sdk.KairosJson.Options),
    };

    public Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null) =>
        Bus.PublishAsync(Draft(type, data, subject: subject));

    /// <summary>Stops the bus gracefully: every queued event is delivered before this returns.</summary>
    public async Task DrainAsync()
    {
        using var deadline = Deadlines.Start();
        await Bus.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await Store.DisposeAsync();
        if (_ownsDirectory)
        {
            TryDelete(Directory);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may hold the file a moment longer; the OS cleans temp folders.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
