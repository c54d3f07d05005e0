using Kairos.Plugins.Data.Files;
using Kairos.Plugins.Data.Http;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// <c>GET /reports</c> lists the generated reports; <c>GET /reports/{id}?format=html|csv|json</c> returns one (HTML,
/// the default, shown in the browser; CSV and JSON as downloads).
/// </summary>
internal static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports", (IHostMaintenance host) => Results.Ok(new ReportList(ReportFiles.List(DataFolders.Reports(host)))));

        endpoints.MapGet("/reports/{id}", (string id, string? format, IHostMaintenance host) =>
        {
            var kind = string.IsNullOrWhiteSpace(format) ? "html" : format.Trim().ToLowerInvariant();
            if (!ReportFiles.Formats.Contains(kind))
            {
                return Problems.Invalid(new Dictionary<string, string> { ["format"] = $"'{format}' is not one of {string.Join(", ", ReportFiles.Formats)}" });
            }
            var path = Path.Combine(DataFolders.Reports(host), $"{id}.{kind}");
            if (!ReportFiles.IsReportId(id) || !File.Exists(path))
            {
                return Problems.NotFound($"there is no report '{id}' as {kind}: GET /api/v1/plugins/data/reports lists them.");
            }
            return Results.File(path, ReportFiles.ContentType(kind), kind == "html" ? null : $"{id}.{kind}");
        });
    }
}

/// <summary>The reports.</summary>
internal sealed record ReportList(IReadOnlyList<ReportListItem> Reports);
