using System.Text.RegularExpressions;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// The reports in <c>&lt;data&gt;/reports/</c>: <c>&lt;id&gt;.html</c>, <c>&lt;id&gt;.csv</c> and <c>&lt;id&gt;.json</c> with
/// ids like <c>portfolio-2026-10-cny</c>. Only names of that shape are listed or served (nothing outside the folder).
/// </summary>
internal static partial class ReportFiles
{
    public static IReadOnlyList<string> Formats { get; } = ["html", "csv", "json"];

    public static bool IsReportId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string ContentType(string format) => format switch
    {
        "html" => "text/html; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/json",
    };

    /// <summary>Every report in the folder, newest period first.</summary>
    public static IReadOnlyList<ReportListItem> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return new DirectoryInfo(folder).EnumerateFiles("portfolio-*.*")
            .Where(f => IsReportId(Path.GetFileNameWithoutExtension(f.Name)) && Formats.Contains(f.Extension.TrimStart('.')))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f.Name), StringComparer.Ordinal)
            .Select(g =>
            {
                var match = IdPattern().Match(g.Key);
                var files = g.OrderBy(f => Formats.ToList().IndexOf(f.Extension.TrimStart('.'))).ToList();
                return new ReportListItem(g.Key, match.Groups["period"].Value, match.Groups["currency"].Value.ToUpperInvariant(),
                    files.Select(f => f.Extension.TrimStart('.')).ToList(),
                    new DateTimeOffset(files.Max(f => f.LastWriteTimeUtc), TimeSpan.Zero));
            })
            .OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^portfolio-(?<period>\d{4}-\d{2})-(?<currency>[a-z0-9]{2,20})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>One report in the listing.</summary>
/// <param name="Id">Its id, for <c>GET /api/v1/plugins/data/reports/{id}</c>.</param>
/// <param name="Period">The month it covers.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Formats">The formats written (html, csv, json).</param>
/// <param name="WrittenAt">When its files were last written.</param>
public sealed record ReportListItem(string Id, string Period, string Currency, IReadOnlyList<string> Formats, DateTimeOffset WrittenAt);
