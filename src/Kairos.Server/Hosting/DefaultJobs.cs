using System.Text.Json;
using Kairos.Engine;
using Kairos.Engine.Jobs;

namespace Kairos.Server.Hosting;

/// <summary>
/// The seed's default jobs, created once at first start in SCHEDULER_TIMEZONE. Each is marked as seeded in
/// the store the first time, so a user's change is never overwritten and a deleted default never returns.
/// A default whose plugin is absent waits for it.
/// </summary>
public static partial class DefaultJobs
{
    /// <summary>The defaults: id, task, schedule (cron fields).</summary>
    public static readonly IReadOnlyList<(string JobId, string Name, string TaskId, string Schedule)> All =
    [
        ("default_fund_nav_update", "Fund NAV update, daily 15:30", "fund_nav_update", """{"type":"cron","hour":15,"minute":30}"""),
        ("default_wise_balance_sync", "Wise balance sync, daily 16:30", "wise_balance_sync", """{"type":"cron","hour":16,"minute":30}"""),
        ("default_okx_balance_sync", "OKX balance sync, hourly", "okx_balance_sync", """{"type":"cron","minute":0}"""),
        ("default_ibkr_balance_sync", "IBKR balance sync, daily 17:00", "ibkr_balance_sync", """{"type":"cron","hour":17,"minute":0}"""),
        ("default_data_cleanup", "Data cleanup, Sundays 02:00", "data_cleanup", """{"type":"cron","day_of_week":"sun","hour":2,"minute":0}"""),
        ("default_report_generation", "Monthly report, the 1st at 06:00", "report_generation", """{"type":"cron","day":1,"hour":6,"minute":0}"""),
    ];

    public static async Task SeedAsync(KairosEngine engine, JobService jobs, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (var (jobId, name, taskId, schedule) in All)
        {
            if (!await engine.Store.Jobs.TryMarkSeededAsync("default-job:" + jobId, cancellationToken).ConfigureAwait(false))
            {
                continue; // seeded before: kept as the user left it, or deleted by the user
            }
            if (await engine.Store.Jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }
            using var document = JsonDocument.Parse(schedule);
            var spec = new JobSpec { JobId = jobId, Name = name, TaskId = taskId, Schedule = document.RootElement.Clone() };
            var result = await jobs.CreateAsync(spec, replaceExisting: false, allowMissingTask: true, cancellationToken).ConfigureAwait(false);
            LogSeeded(logger, jobId, result.Job?.Record.State.ToString() ?? result.Message ?? "?");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created default job {JobId} ({State})")]
    private static partial void LogSeeded(ILogger logger, string jobId, string state);
}
