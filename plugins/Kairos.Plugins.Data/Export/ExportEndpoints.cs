using Kairos.Plugins.Data.Files;
using Kairos.Plugins.Data.Http;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Data.Export;

/// <summary>
/// <c>GET /exports/{dataset}?format=csv|json&amp;since=…&amp;until=…</c> streams an export straight into the response
/// (constant memory; same rows and columns as <c>data_export</c>); <c>GET /exports</c> lists the files the task wrote,
/// <c>GET /exports/files/{name}</c> downloads one.
/// </summary>
internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exports", (IHostMaintenance host) =>
            Results.Ok(new ExportFileList(ExportFiles.List(DataFolders.Exports(host))
                .Select(f => new ExportFileView(f.Name, f.Name[..f.Name.IndexOf('-', StringComparison.Ordinal)], f.Extension.TrimStart('.'), f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
                .ToList())));

        endpoints.MapGet("/exports/files/{name}", (string name, IHostMaintenance host) =>
        {
            var path = Path.Combine(DataFolders.Exports(host), name);
            return ExportFiles.IsExportName(name) && File.Exists(path)
                ? Results.File(path, ExportFormats.ContentType(Path.GetExtension(name).TrimStart('.')), name)
                : Problems.NotFound($"there is no export file '{name}': GET /api/v1/plugins/data/exports lists them.");
        });

        endpoints.MapGet("/exports/{dataset}", (string dataset, string? format, string? since, string? until,
            IHostMaintenance host, IPortfolioStore portfolio, DataSettings settings, TimeProvider time, HttpContext http) =>
        {
            var (request, errors) = ExportRequest.Parse(dataset, format, since, until, settings.TimeZone);
            if (request is null)
            {
                return Problems.Invalid(errors);
            }
            var source = new ExportSource(host, portfolio, settings.TimeZone);
            var aborted = http.RequestAborted;
            return Results.Stream(
                stream => ExportWriter.WriteAsync(source.Open(request, aborted), request.Format, stream, aborted),
                ExportFormats.ContentType(request.Format),
                ExportFiles.FileName(request, time.GetUtcNow()));
        });
    }
}

/// <summary>The export files.</summary>
internal sealed record ExportFileList(IReadOnlyList<ExportFileView> Exports);

/// <summary>One export file.</summary>
internal sealed record ExportFileView(string Name, string Dataset, string Format, long Bytes, DateTimeOffset WrittenAt);
