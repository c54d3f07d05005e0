using Kairos.Plugins.Data.Files;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Data.Export;

/// <summary>
/// <c>data_export</c>: exports runs, events, balances, positions or transactions of a time range (config
/// <c>dataset</c>, <c>format</c> csv|json, <c>since</c>, <c>until</c>) into <c>&lt;data&gt;/exports/</c>, streaming row
/// by row so memory stays constant however large the export. Publishes <c>data.export.completed</c>. The same export
/// can be downloaded directly from <c>GET /api/v1/plugins/data/exports/{dataset}</c>.
/// </summary>
internal sealed class DataExportTask(IHostMaintenance host, IPortfolioStore portfolio, DataSettings settings) : IScheduledTask
{
    public const string Id = "data_export";

    public const string CompletedEvent = "data.export.completed";

    public string TaskId => Id;

    public string Name => "Data export";

    public string Description => "Exports runs, events, balances, positions or transactions of a time range as CSV or JSON into <data>/exports/";

    public TaskConfigSchema ConfigSchema { get; } = new([
        new ConfigField("dataset", ConfigFieldType.String, Required: true, Description: "What to export", AllowedValues: ExportDatasets.All),
        new ConfigField("format", ConfigFieldType.String, Description: "csv (default) or json", AllowedValues: ExportFormats.All),
        new ConfigField("since", ConfigFieldType.String, Description: "Start (inclusive): a day 2026-10-01 (in the plugin's time zone) or an instant 2026-10-01T00:00:00Z"),
        new ConfigField("until", ConfigFieldType.String, Description: "End (exclusive), as since"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (request, errors) = ExportRequest.Parse(Config(context, "dataset"), Config(context, "format"), Config(context, "since"), Config(context, "until"), settings.TimeZone);
        if (request is null)
        {
            return TaskResult.Failure("config refused: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}")), errors, "ConfigurationError");
        }
        var name = ExportFiles.FileName(request, context.Time.GetUtcNow());
        var path = Path.Combine(DataFolders.Exports(host), name);
        long rows = 0;
        await DataFolders.WriteAtomicallyAsync(path, async (stream, ct) =>
            rows = await ExportWriter.WriteAsync(new ExportSource(host, portfolio, settings.TimeZone).Open(request, ct), request.Format, stream, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var completed = new ExportCompleted(request.Dataset, request.Format, path, name, rows, new FileInfo(path).Length, request.Since, request.Until);
        context.Log($"exported {rows} {request.Dataset} rows to {path} ({completed.Bytes} bytes)");
        await context.Events.PublishAsync(CompletedEvent, completed, name, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(completed);
    }

    private static string? Config(TaskContext context, string key)
    {
        var value = context.GetConfig(key, "");
        return value.Length == 0 ? null : value;
    }
}
