namespace Kairos.Plugins.Data.Backup;

/// <summary>What one <c>data_backup</c> run made: the run's result and the data of <c>data.backup.completed</c>.</summary>
/// <param name="File">The full path of the new backup.</param>
/// <param name="Name">Its file name (<c>kairos-20261101T033000Z.db</c>).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="IntegrityCheck">The integrity check's answer on the copy (<c>ok</c>).</param>
/// <param name="Kept">Backups in the folder now (at most <c>keep</c>).</param>
/// <param name="Deleted">Older backups deleted to keep the last <c>keep</c>.</param>
public sealed record BackupCompleted(string File, string Name, long Bytes, string IntegrityCheck, int Kept, IReadOnlyList<string> Deleted);
