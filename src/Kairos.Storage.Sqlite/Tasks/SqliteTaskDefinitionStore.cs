using Kairos.Storage.Sqlite.Internal;
using Kairos.Storage.Tasks;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Tasks;

/// <summary>Task definitions in the <c>task_definitions</c> table.</summary>
internal sealed class SqliteTaskDefinitionStore(SqliteDatabase database) : ITaskDefinitionStore
{
    private const string Columns = "task_id, name, description, plugin_id, plugin_version, available, config_schema_json, updated_at";

    public Task UpsertAsync(TaskDefinitionRecord task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return database.WriteAsync((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                $"INSERT INTO task_definitions ({Columns}) VALUES ($task_id, $name, $description, $plugin_id, $plugin_version, $available, $config_schema_json, $updated_at) " +
                "ON CONFLICT (task_id) DO UPDATE SET name = $name, description = $description, plugin_id = $plugin_id, " +
                "plugin_version = $plugin_version, available = $available, config_schema_json = $config_schema_json, updated_at = $updated_at";
            command.With("$task_id", task.TaskId)
                .With("$name", task.Name)
                .With("$description", task.Description)
                .With("$plugin_id", task.PluginId)
                .With("$plugin_version", task.PluginVersion)
                .With("$available", task.Available ? 1 : 0)
                .With("$config_schema_json", task.ConfigSchemaJson)
                .With("$updated_at", UnixMs.From(task.UpdatedAt));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<TaskDefinitionRecord?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM task_definitions WHERE task_id = $task_id";
            command.With("$task_id", taskId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    public async Task<IReadOnlyList<TaskDefinitionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM task_definitions ORDER BY task_id";
            using var reader = command.ExecuteReader();
            var tasks = new List<TaskDefinitionRecord>();
            while (reader.Read())
            {
                tasks.Add(Read(reader));
            }
            return tasks;
        }
    }

    public Task<int> MarkPluginUnavailableAsync(string pluginId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        return database.WriteAsync((connection, _) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE task_definitions SET available = 0, updated_at = $at WHERE plugin_id = $plugin_id AND available = 1";
            command.With("$plugin_id", pluginId).With("$at", UnixMs.From(at));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static TaskDefinitionRecord Read(SqliteDataReader reader) => new()
    {
        TaskId = reader.GetString(0),
        Name = reader.GetString(1),
        Description = reader.GetString(2),
        PluginId = reader.GetString(3),
        PluginVersion = reader.GetString(4),
        Available = reader.GetInt64(5) != 0,
        ConfigSchemaJson = reader.GetNullableString(6),
        UpdatedAt = reader.GetInstant(7),
    };
}
