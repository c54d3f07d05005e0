using System.Text.RegularExpressions;
using Kairos.Plugins.Data.Files;

namespace Kairos.Plugins.Data.Backup;

/// <summary>
/// The backup files of <c>&lt;data&gt;/backups/</c>: <c>kairos-&lt;yyyyMMddTHHmmssZ&gt;.db</c>. Only files of exactly
/// that shape are listed and pruned, so anything else a user puts there is never deleted.
/// </summary>
internal static partial class BackupFiles
{
    public static string FileName(DateTimeOffset instant) => $"kairos-{DataFolders.Stamp(instant)}.db";

    /// <summary>The backups in <paramref name="folder"/>, newest first (the fixed-width stamp sorts by time).</summary>
    public static IReadOnlyList<FileInfo> List(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("kairos-*.db").Where(f => Pattern().IsMatch(f.Name))
                .OrderByDescending(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Deletes every backup beyond the newest <paramref name="keep"/> (with its companions); returns the names deleted.</summary>
    public static IReadOnlyList<string> Prune(string folder, int keep)
    {
        var deleted = new List<string>();
        foreach (var file in List(folder).Skip(keep))
        {
            file.Delete();
            File.Delete(file.FullName + "-wal");
            File.Delete(file.FullName + "-shm");
            deleted.Add(file.Name);
        }
        return deleted;
    }

    /// <summary>
    /// Removes the empty <c>-wal</c> and the <c>-shm</c> that SQLite leaves beside a copy of a WAL-mode database once it
    /// was opened read-only (the host's integrity check does so): they hold nothing, and a backup should be one file.
    /// A non-empty <c>-wal</c> is left alone (it would hold data).
    /// </summary>
    public static void RemoveEmptyCompanions(string backup)
    {
        var wal = new FileInfo(backup + "-wal");
        if (wal.Exists && wal.Length > 0)
        {
            return;
        }
        wal.Delete();
        File.Delete(backup + "-shm");
    }

    [GeneratedRegex(@"^kairos-\d{8}T\d{6}Z\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
