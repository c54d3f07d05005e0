using System.IO.Compression;

namespace Kairos.Plugins.Tests.Support;

internal static class Zips
{
    /// <summary>Zips every file of <paramref name="folder"/>, under <paramref name="prefix"/> inside the archive.</summary>
    public static MemoryStream FromFolder(string folder, string prefix = "", params (string Name, string Content)[] extra)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                archive.CreateEntryFromFile(file, prefix + Path.GetFileName(file));
            }
            foreach (var (name, content) in extra)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        stream.Position = 0;
        return stream;
    }
}
