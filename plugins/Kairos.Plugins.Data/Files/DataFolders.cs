using System.Globalization;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Data.Files;

/// <summary>Where the plugin keeps its files: <c>backups/</c>, <c>reports/</c> and <c>exports/</c> under the host's data folder.</summary>
internal static class DataFolders
{
    /// <summary>The UTC stamp in file names (<c>20261101T033000Z</c>): fixed width, so names sort by time.</summary>
    public const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string Backups(IHostMaintenance host) => Path.Combine(host.DataDirectory, "backups");

    public static string Reports(IHostMaintenance host) => Path.Combine(host.DataDirectory, "reports");

    public static string Exports(IHostMaintenance host) => Path.Combine(host.DataDirectory, "exports");

    public static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes a file under a temporary name and renames it into place, so a reader (a download, the listing) never
    /// sees half a file; an existing file of that name is replaced.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        try
        {
            var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
