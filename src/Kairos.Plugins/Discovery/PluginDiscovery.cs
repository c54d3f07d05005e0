using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kairos.Plugins.Manifests;

namespace Kairos.Plugins.Discovery;

/// <summary>
/// Finds plugin folders (each a direct subfolder holding <c>plugin.json</c>) in the built-in and data plugins
/// folders and picks one folder per id: the higher version, the data folder on a tie. Two folders of one
/// root with the same id fail that id.
/// </summary>
public static class PluginDiscovery
{
    /// <summary>Scans both roots (a missing root holds no plugin).</summary>
    public static IReadOnlyDictionary<string, PluginCandidate> Discover(string? builtInDirectory, string? dataDirectory)
    {
        var builtIn = ScanRoot(builtInDirectory, PluginSource.BuiltIn);
        var data = ScanRoot(dataDirectory, PluginSource.Data);
        var result = new Dictionary<string, PluginCandidate>(builtIn, StringComparer.Ordinal);
        foreach (var (id, candidate) in data)
        {
            if (!result.TryGetValue(id, out var existing) || existing.Manifest is null || candidate.Manifest is null
                || candidate.Manifest.Version >= existing.Manifest.Version)
            {
                // The data folder wins ties, and a broken data copy still shadows the built-in one: the
                // operator put it there and should see why it fails.
                result[id] = candidate;
            }
        }
        return result;
    }

    /// <summary>A cheap fingerprint of everything under both roots, for change polling.</summary>
    public static string Fingerprint(params string?[] roots)
    {
        var builder = new StringBuilder();
        foreach (var root in roots)
        {
            if (root is not null && Directory.Exists(root))
            {
                builder.Append(root).Append('|').Append(StampFiles(root)).Append(';');
            }
        }
        return Hash(builder.ToString());
    }

    private static Dictionary<string, PluginCandidate> ScanRoot(string? root, PluginSource source)
    {
        var found = new Dictionary<string, List<PluginCandidate>>(StringComparer.Ordinal);
        if (root is null || !Directory.Exists(root))
        {
            return [];
        }
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(folder).StartsWith('.') || !File.Exists(Path.Combine(folder, PluginManifest.FileName)))
            {
                continue; // hidden staging folders and folders still being copied in
            }
            var candidate = Read(folder, source);
            if (!found.TryGetValue(candidate.Id, out var list))
            {
                found[candidate.Id] = list = [];
            }
            list.Add(candidate);
        }
        var result = new Dictionary<string, PluginCandidate>(StringComparer.Ordinal);
        foreach (var (id, list) in found)
        {
            result[id] = list.Count == 1
                ? list[0]
                : list[0] with
                {
                    Manifest = null,
                    Error = $"duplicate id '{id}': folders {string.Join(", ", list.Select(c => Path.GetFileName(c.Folder)))} of the {source.ToString().ToLowerInvariant()} plugins folder all declare it; remove all but one",
                    Stamp = Hash(string.Join("|", list.Select(c => c.Stamp))),
                };
        }
        return result;
    }

    private static PluginCandidate Read(string folder, PluginSource source)
    {
        var stamp = Hash(StampFiles(folder));
        try
        {
            var manifest = PluginManifestReader.ReadFolder(folder);
            var error = File.Exists(Path.Combine(folder, manifest.Assembly))
                ? null
                : $"assembly '{manifest.Assembly}' named by {PluginManifest.FileName} is not in the plugin folder";
            return new PluginCandidate(manifest.Id, folder, source, error is null ? manifest : null, error, stamp);
        }
        catch (Exception ex) when (ex is PluginManifestException or IOException or UnauthorizedAccessException)
        {
            return new PluginCandidate(Path.GetFileName(folder), folder, source, null, ex.Message, stamp);
        }
    }

    private static string StampFiles(string folder)
    {
        var builder = new StringBuilder();
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                builder.Append(Path.GetRelativePath(folder, file)).Append(':')
                    .Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append(':')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            builder.Append("unreadable:").Append(ex.Message); // a folder being replaced right now; the next poll sees it settled
        }
        return builder.ToString();
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
