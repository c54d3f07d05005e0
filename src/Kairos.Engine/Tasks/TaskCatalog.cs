using System.Collections.Concurrent;
using System.Text.Json;
using Kairos.Sdk;
using Kairos.Sdk.Tasks;
using Kairos.Storage;
using Kairos.Storage.Tasks;

namespace Kairos.Engine.Tasks;

/// <summary>
/// The tasks available now (in memory) and their stored definitions (so the API still knows a task whose plugin
/// is absent). Registering and unregistering notify the engine, which moves jobs in and out of
/// <c>waiting_for_plugin</c>.
/// </summary>
public sealed class TaskCatalog(IKairosStore store, TimeProvider time)
{
    /// <summary>The plugin id of the engine's own diagnostic tasks.</summary>
    public const string BuiltInPluginId = "kairos";

    private readonly ConcurrentDictionary<string, RegisteredTask> _available = new(StringComparer.Ordinal);

    /// <summary>Raised after tasks became available (their ids).</summary>
    public event Func<IReadOnlyCollection<string>, Task>? TasksAdded;

    /// <summary>Raised after tasks became unavailable (their ids).</summary>
    public event Func<IReadOnlyCollection<string>, Task>? TasksRemoved;

    /// <summary>True when the task can run now.</summary>
    public bool TryGet(string taskId, out RegisteredTask task) => _available.TryGetValue(taskId, out task!);

    /// <summary>The tasks that can run now.</summary>
    public IReadOnlyCollection<RegisteredTask> Available => _available.Values.ToArray();

    /// <summary>Makes a plugin's tasks available and stores their definitions.</summary>
    public async Task RegisterAsync(string pluginId, string pluginVersion, IEnumerable<IScheduledTask> tasks, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var added = new List<string>();
        foreach (var task in tasks)
        {
            var registered = new RegisteredTask(task, pluginId, pluginVersion, services);
            await store.Tasks.UpsertAsync(new TaskDefinitionRecord
            {
                TaskId = task.TaskId,
                Name = task.Name,
                Description = task.Description,
                PluginId = pluginId,
                PluginVersion = pluginVersion,
                Available = true,
                ConfigSchemaJson = task.ConfigSchema is { } schema ? JsonSerializer.Serialize(schema.Fields, KairosJson.Options) : null,
                UpdatedAt = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            _available[task.TaskId] = registered;
            added.Add(task.TaskId);
        }
        if (TasksAdded is { } handler)
        {
            await handler(added).ConfigureAwait(false);
        }
    }

    /// <summary>Makes every task of the plugin unavailable; their definitions stay stored.</summary>
    public async Task UnregisterAsync(string pluginId, CancellationToken cancellationToken = default)
    {
        var removed = _available.Values.Where(t => t.PluginId == pluginId).Select(t => t.TaskId).ToList();
        foreach (var taskId in removed)
        {
            _available.TryRemove(taskId, out _);
        }
        await store.Tasks.MarkPluginUnavailableAsync(pluginId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (removed.Count > 0 && TasksRemoved is { } handler)
        {
            await handler(removed).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the engine's diagnostic tasks <c>kairos.noop</c>, <c>kairos.sleep</c> and <c>kairos.fail</c>.</summary>
    public Task RegisterBuiltInsAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        RegisterAsync(BuiltInPluginId, typeof(TaskCatalog).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
            [new BuiltIn.NoopTask(), new BuiltIn.SleepTask(), new BuiltIn.FailTask()], services, cancellationToken);
}
