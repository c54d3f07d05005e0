using System.IO.Compression;
using Kairos.Plugins.Manifests;

namespace Kairos.Plugins.Install;

/// <summary>
/// Unpacks an uploaded plugin zip into a staging folder. The zip holds <c>plugin.json</c> at its root or in
/// one top folder. An entry whose path would land outside the staging folder (<c>../</c>, an absolute path:
/// "zip slip") refuses the whole zip before anything is written.
/// </summary>
internal static class PluginZip
{
    /// <summary>Extracts into <paramref name="staging"/>; returns the folder holding plugin.json and its manifest.</summary>
    public static (string Folder, PluginManifest Manifest) Extract(Stream zip, string staging)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new PluginInstallException($"the upload is not a zip archive: {ex.Message}", ex);
        }
        using (archive)
        {
            var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
            var targets = new List<(ZipArchiveEntry Entry, string Path)>();
            foreach (var entry in archive.Entries)
            {
                var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!target.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName) || entry.FullName.Contains('\\', StringComparison.Ordinal))
                {
                    throw new PluginInstallException($"zip entry '{entry.FullName}' would land outside the plugin folder; nothing was installed");
                }
                targets.Add((entry, target));
            }
            try
            {
                foreach (var (entry, target) in targets)
                {
                    if (entry.FullName.EndsWith('/'))
                    {
                        Directory.CreateDirectory(target);
                        continue;
                    }
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: false);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new PluginInstallException($"the zip archive is damaged: {ex.Message}", ex);
            }
        }
        var folder = File.Exists(Path.Combine(staging, PluginManifest.FileName))
            ? staging
            : Directory.GetDirectories(staging) is [var single] && File.Exists(Path.Combine(single, PluginManifest.FileName))
                ? single
                : throw new PluginInstallException($"the zip holds no {PluginManifest.FileName} at its root or in a single top folder");
        try
        {
            var manifest = PluginManifestReader.ReadFolder(folder);
            if (!File.Exists(Path.Combine(folder, manifest.Assembly)))
            {
                throw new PluginInstallException($"the zip does not hold the assembly '{manifest.Assembly}' named by {PluginManifest.FileName}");
            }
            return (folder, manifest);
        }
        catch (PluginManifestException ex)
        {
            throw new PluginInstallException($"{PluginManifest.FileName} in the zip is not usable: {ex.Message}", ex);
        }
    }
}
