using System.Text.RegularExpressions;
using Kairos.Plugins.Data.Files;

namespace Kairos.Plugins.Data.Export;

/// <summary>The export files of <c>&lt;data&gt;/exports/</c>: <c>&lt;dataset&gt;-&lt;yyyyMMddTHHmmssZ&gt;.&lt;csv|json&gt;</c>.</summary>
internal static partial class ExportFiles
{
    public static string FileName(ExportRequest request, DateTimeOffset instant) => $"{request.Dataset}-{DataFolders.Stamp(instant)}.{request.Format}";

    /// <summary>True for a name this plugin writes (and nothing that could leave the folder).</summary>
    public static bool IsExportName(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The exports in the folder, newest first.</summary>
    public static IReadOnlyList<FileInfo> List(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles().Where(f => IsExportName(f.Name)).OrderByDescending(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];

    [GeneratedRegex(@"^(runs|events|balances|positions|transactions)-\d{8}T\d{6}Z\.(csv|json)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
