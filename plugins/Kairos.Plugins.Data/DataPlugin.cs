using Kairos.Plugins.Data.Backup;
using Kairos.Plugins.Data.Cleanup;
using Kairos.Plugins.Data.Export;
using Kairos.Plugins.Data.Reports;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Data;

/// <summary>
/// The <c>data</c> plugin (depends on <c>portfolio</c>): housekeeping and reporting of the Kairos data. It reaches the
/// host's data only through <see cref="IHostMaintenance"/> and the portfolio only through its exported store.
/// <list type="bullet">
/// <item>Tasks <c>data_cleanup</c> (retention), <c>data_backup</c> (online backup, keep the last N),
/// <c>report_generation</c> (monthly portfolio report) and <c>data_export</c> (CSV/JSON exports, streaming).</item>
/// <item>The host's default jobs <c>default_data_cleanup</c> (Sundays 02:00) and <c>default_report_generation</c>
/// (the 1st, 06:00) run the first and third; this plugin adds <c>data_daily_backup</c> (every day 03:30).</item>
/// <item>Endpoints under <c>/api/v1/plugins/data/</c>: <c>reports</c>, <c>reports/{id}</c>, <c>exports</c>,
/// <c>exports/files/{name}</c>, <c>exports/{dataset}</c>.</item>
/// </list>
/// </summary>
public sealed class DataPlugin : TaskPlugin
{
    /// <summary>The plugin id.</summary>
    public const string PluginId = "data";

    /// <inheritdoc />
    public override string Id => PluginId;

    /// <inheritdoc />
    public override string Name => "Data";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "Housekeeping of the Kairos data: retention cleanup (runs, events, snapshots), online backups, monthly portfolio reports (HTML, CSV, JSON) and streaming exports (CSV, JSON)";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        plugin.Services.AddSingleton(DataSettings.From(plugin.Settings));
        plugin.AddTask<DataCleanupTask>();
        plugin.AddTask<DataBackupTask>();
        plugin.AddTask<ReportGenerationTask>();
        plugin.AddTask<DataExportTask>();

        // After the host's 02:00 cleanup on Sundays and before the 06:00 report on the 1st; in the scheduler's time zone.
        plugin.AddJob(new PluginJob("daily_backup", DataBackupTask.Id,
            """{"type":"cron","hour":3,"minute":30}""",
            ConfigJson: """{"keep":14}""",
            OptionsJson: """{"max_instances":1,"coalesce":true}"""));

        plugin.MapEndpoints(ReportEndpoints.Map);
        plugin.MapEndpoints(ExportEndpoints.Map);
    }
}
