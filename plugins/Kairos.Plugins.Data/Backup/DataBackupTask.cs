using Kairos.Plugins.Data.Files;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Data.Backup;

/// <summary>
/// <c>data_backup</c>: a consistent online copy of the Kairos database (SQLite's backup API, through
/// <see cref="IHostMaintenance.BackupAsync"/>, while the scheduler keeps running) into
/// <c>&lt;data&gt;/backups/kairos-&lt;yyyyMMddTHHmmssZ&gt;.db</c> (UTC), verified by the host with an integrity check.
/// Keeps the newest <c>keep</c> backups (default 14) and deletes older ones, but only after a sound copy exists.
/// Publishes <c>data.backup.completed</c>. Restore: <c>dotnet run --project src/Kairos.Server -- restore &lt;file&gt;</c>.
/// </summary>
internal sealed class DataBackupTask(IHostMaintenance host) : IScheduledTask
{
    public const string Id = "data_backup";

    public const string CompletedEvent = "data.backup.completed";

    public string TaskId => Id;

    public string Name => "Data backup";

    public string Description => "Online backup of the Kairos database into <data>/backups/, integrity-checked, keeping the last N";

    public TaskConfigSchema ConfigSchema { get; } = new([
        new ConfigField("keep", ConfigFieldType.Integer, Description: "How many backups to keep, newest first (1–10000, default 14)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int keep;
        try
        {
            keep = context.GetConfig("keep", 14);
        }
        catch (FormatException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: "ConfigurationError");
        }
        if (keep is < 1 or > 10_000)
        {
            return TaskResult.Failure($"config 'keep' {keep} is outside 1–10000.", errorType: "ConfigurationError");
        }

        var folder = DataFolders.Backups(host);
        var name = BackupFiles.FileName(context.Time.GetUtcNow());
        var path = Path.Combine(folder, name);
        HostBackupResult backup;
        try
        {
            backup = await host.BackupAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            return TaskResult.Failure($"backup to {path} failed: {ex.Message}", errorType: "BackupFailed");
        }
        BackupFiles.RemoveEmptyCompanions(backup.Path);
        if (!backup.IsSound)
        {
            // A copy that fails its check is worse than none: remove it, and keep every older backup.
            File.Delete(backup.Path);
            File.Delete(backup.Path + "-wal");
            File.Delete(backup.Path + "-shm");
            return TaskResult.Failure($"the backup {name} failed its integrity check ({backup.IntegrityCheck}); it was deleted and older backups kept.",
                new { file = backup.Path, integrity_check = backup.IntegrityCheck }, "IntegrityCheckFailed");
        }
        context.Log($"backup {backup.Path}: {backup.Bytes} bytes, integrity {backup.IntegrityCheck}");

        var deleted = BackupFiles.Prune(folder, keep);
        foreach (var old in deleted)
        {
            context.Log($"deleted old backup {old} (keep {keep})");
        }
        var completed = new BackupCompleted(backup.Path, name, backup.Bytes, backup.IntegrityCheck, BackupFiles.List(folder).Count, deleted);
        await context.Events.PublishAsync(CompletedEvent, completed, name, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(completed);
    }
}
