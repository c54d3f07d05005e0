namespace Kairos.Storage.Tasks;

/// <summary>Stored task definitions.</summary>
public interface ITaskDefinitionStore
{
    Task UpsertAsync(TaskDefinitionRecord task, CancellationToken cancellationToken = default);
    Task<TaskDefinitionRecord?> GetAsync(string taskId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<TaskDefinitionRecord>> ListAsync(CancellationToken cancellationToken = default);
    /// <summary>Marks every task of the plugin unavailable (its plugin was unloaded); returns how many changed.</summary>
    Task<int> MarkPluginUnavailableAsync(string pluginId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
