using System.Text;
using System.Text.Json;
using Kairos.Plugins.Data.Files;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// <c>report_generation</c>: the portfolio report of a month (config <c>period</c> <c>yyyy-MM</c>, default the previous
/// month in the plugin's time zone; <c>currency</c>, default the portfolio's base currency; <c>stale_after_hours</c>,
/// default 48) written as HTML (with inline SVG charts), CSV and JSON into <c>&lt;data&gt;/reports/&lt;id&gt;.*</c>.
/// Regenerating a period replaces its files. Publishes <c>data.report.generated</c>.
/// </summary>
internal sealed class ReportGenerationTask(IHostMaintenance host, IPortfolioStore portfolio, DataSettings settings) : IScheduledTask
{
    public const string Id = "report_generation";

    public const string GeneratedEvent = "data.report.generated";

    public string TaskId => Id;

    public string Name => "Portfolio report";

    public string Description => "Writes the portfolio report of a month (net worth, change, holdings with P&L, contributions, balances, rates, stale sources) as HTML, CSV and JSON into <data>/reports/";

    public TaskConfigSchema ConfigSchema { get; } = new([
        new ConfigField("period", ConfigFieldType.String, Description: "The month, yyyy-MM (default: the previous month)"),
        new ConfigField("currency", ConfigFieldType.String, Description: "The report's currency (default: the portfolio's base currency)"),
        new ConfigField("stale_after_hours", ConfigFieldType.Integer, Description: "A source with no sync for this long is reported stale (default 48)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Time.GetUtcNow();
        var periodText = context.GetConfig("period", "");
        var period = periodText.Length == 0 ? ReportPeriod.PreviousMonth(now, settings.TimeZone) : ReportPeriod.TryParse(periodText, settings.TimeZone);
        if (period is null)
        {
            return TaskResult.Failure($"config 'period' '{periodText}' is not a month such as 2026-10.", errorType: "ConfigurationError");
        }
        var currencyText = context.GetConfig("currency", portfolio.BaseCurrency);
        if (Codes.TryCurrency(currencyText) is not { } currency)
        {
            return TaskResult.Failure($"config 'currency' '{currencyText}' is not a currency code such as CNY or USD.", errorType: "ConfigurationError");
        }
        int staleHours;
        try
        {
            staleHours = context.GetConfig("stale_after_hours", 48);
        }
        catch (FormatException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: "ConfigurationError");
        }
        if (staleHours < 1)
        {
            return TaskResult.Failure($"config 'stale_after_hours' {staleHours} must be at least 1.", errorType: "ConfigurationError");
        }

        var report = await new ReportBuilder(portfolio).BuildAsync(period, currency, TimeSpan.FromHours(staleHours), now, cancellationToken).ConfigureAwait(false);
        var folder = DataFolders.Reports(host);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var format in ReportFiles.Formats)
        {
            var path = Path.Combine(folder, $"{report.Id}.{format}");
            await DataFolders.WriteAtomicallyAsync(path, (stream, ct) => format switch
            {
                "json" => JsonSerializer.SerializeAsync(stream, report, context.JsonOptions, ct),
                "csv" => WriteTextAsync(stream, ReportCsv.Write(report), ct),
                _ => WriteTextAsync(stream, ReportHtml.Write(report), ct),
            }, cancellationToken).ConfigureAwait(false);
            files[format] = path;
        }
        context.Log($"report {report.Id}: net worth {report.Start.Total} → {report.End.Total} {currency}; stale sources: {(report.Sources.Stale.Count == 0 ? "none" : string.Join(", ", report.Sources.Stale))}");
        var generated = new ReportGenerated(report.Id, report.Period, currency, files, report.Start.Total, report.End.Total, report.Change.Amount,
            report.Contributions.Total, report.Sources.Stale);
        await context.Events.PublishAsync(GeneratedEvent, generated, report.Id, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(generated);
    }

    private static async Task WriteTextAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
}
