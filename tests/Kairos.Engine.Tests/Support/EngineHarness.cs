using System.Text.Json;
using Kairos.Conditions.Calendars;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Sdk.Tasks;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests.Support;

/// <summary>
/// A whole engine on a real SQLite file in a temporary folder, driven by a <see cref="FakeTimeProvider"/>.
/// Tests advance time and then wait for run records (a signal from the run writer) with a real-time deadline.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly List<RunRecord> _committed = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopped;
    private bool _ownsDirectory;
    private TimeProvider? _engineTime;

    private EngineHarness(string directory, FakeTimeProvider time)
    {
        Directory = directory;
        Time = time;
    }

    public string Directory { get; }
    public FakeTimeProvider Time { get; }
    public SqliteKairosStore Store { get; private set; } = null!;
    public EventBus Bus { get; private set; } = null!;
    public TaskCatalog Catalog { get; private set; } = null!;
    public KairosEngine Engine { get; private set; } = null!;
    public JobService Jobs { get; private set; } = null!;

    /// <param name="engineTime">The clock the engine alone reads (default: <paramref name="time"/>), for a test that
    /// wraps the fake clock to act at a chosen moment of the engine's work.</param>
    public static async Task<EngineHarness> StartAsync(IEnumerable<IScheduledTask>? extraTasks = null, EngineOptions? options = null,
        string? directory = null, FakeTimeProvider? time = null, bool start = true, TimeProvider? engineTime = null)
    {
        var ownsDirectory = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var harness = new EngineHarness(directory, time ?? new FakeTimeProvider(Start)) { _ownsDirectory = ownsDirectory, _engineTime = engineTime };
        await harness.BootAsync(extraTasks ?? [], options ?? new EngineOptions
        {
            DefaultTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            NodeId = "test-node",
            AbandonGracePeriod = TimeSpan.FromSeconds(5),
        }, start).ConfigureAwait(false);
        return harness;
    }

    private async Task BootAsync(IEnumerable<IScheduledTask> extraTasks, EngineOptions options, bool start)
    {
        Store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = Directory, Time = Time });
        await Store.InitializeAsync().ConfigureAwait(false);
        Bus = new EventBus(Store.Events, Time, NullLogger<EventBus>.Instance);
        await Bus.StartAsync(CancellationToken.None).ConfigureAwait(false);
        Catalog = new TaskCatalog(Store, Time);
        var calendar = TradingCalendarLoader.LoadDefault(Directory);
        Engine = new KairosEngine(Store, Bus, Catalog, calendar, _engineTime ?? Time, options, Environment.GetEnvironmentVariable("KAIROS_TEST_LOG") is null ? NullLoggerFactory.Instance : LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Debug)));
        Engine.RunsCommitted += OnCommitted;
        Jobs = new JobService(Engine);
        await Catalog.RegisterBuiltInsAsync(EmptyServices.Instance).ConfigureAwait(false);
        await Catalog.RegisterAsync("test", "1.0.0", extraTasks, EmptyServices.Instance).ConfigureAwait(false);
        if (start)
        {
            await Engine.StartAsync().ConfigureAwait(false);
        }
    }

    private void OnCommitted(IReadOnlyList<RunRecord> batch)
    {
        lock (_lock)
        {
            _committed.AddRange(batch);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    /// <summary>Every record committed so far (starts and ends), in order.</summary>
    public IReadOnlyList<RunRecord> Committed
    {
        get
        {
            lock (_lock)
            {
                return _committed.ToArray();
            }
        }
    }

    /// <summary>Final records (latest version per run, not running), in commit order.</summary>
    public IReadOnlyList<RunRecord> FinishedRuns() =>
        Committed.GroupBy(r => r.RunId).Select(g => g.Last()).Where(r => r.Status != RunStatus.Running).ToList();

    /// <summary>Waits until <paramref name="condition"/> holds over the committed records, or fails after the deadline.</summary>
    public async Task<IReadOnlyList<RunRecord>> WaitForAsync(Func<IReadOnlyList<RunRecord>, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_committed))
                {
                    return _committed.ToArray();
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out waiting for {what}; committed: " +
                    string.Join(", ", Committed.Select(r => $"{r.JobId}/{r.Status}@{r.ScheduledAt:HH:mm:ss}")));
            }
        }
    }

    /// <summary>Waits until the job has <paramref name="count"/> finished runs.</summary>
    public Task<IReadOnlyList<RunRecord>> WaitForFinishedAsync(string jobId, int count) =>
        WaitForAsync(records => records.GroupBy(r => r.RunId).Select(g => g.Last())
            .Count(r => r.JobId == jobId && r.Status != RunStatus.Running) >= count, $"{count} finished runs of {jobId}");

    public async Task<ScheduledJob> CreateJobAsync(string json, bool allowMissingTask = false)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new ValidationErrors();
        var spec = JobSpecParser.Parse(document.RootElement, errors) ?? throw new JobValidationException(errors.ToDictionary());
        if (!errors.IsEmpty)
        {
            throw new JobValidationException(errors.ToDictionary());
        }
        var result = await Jobs.CreateAsync(spec, replaceExisting: false, allowMissingTask).ConfigureAwait(false);
        return result.Job ?? throw new InvalidOperationException(result.Message);
    }

    /// <summary>Advances the fake clock in steps, letting the loop see every intermediate instant.</summary>
    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Stops the engine (like a clean shutdown) without deleting the folder.</summary>
    public async Task StopAsync(TimeSpan? shutdownTimeout = null)
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await Engine.StopAsync(shutdownTimeout ?? TimeSpan.Zero).ConfigureAwait(false);
        await Engine.DisposeAsync().ConfigureAwait(false);
        await Bus.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (!_ownsDirectory)
        {
            return; // a test that shares a folder between engines (restarts) deletes it itself
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
