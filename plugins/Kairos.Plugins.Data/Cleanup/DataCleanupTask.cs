using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Data.Cleanup;

/// <summary>
/// <c>data_cleanup</c>: enforces the host's retention (<c>Retention:*</c>) on runs, events and portfolio snapshots,
/// then returns freed pages to the file system. Every delete is a small batch (<c>batch_size</c>, default 500) and
/// the task yields between batches, so the scheduler's own writes interleave and never wait long; space comes back
/// through <c>incremental_vacuum</c> in steps of <c>vacuum_step_pages</c> (default 256), never a blocking VACUUM.
/// Publishes <c>data.cleanup.completed</c> with the <see cref="CleanupReport"/>.
/// </summary>
internal sealed class DataCleanupTask(IHostMaintenance host, IPortfolioStore portfolio, DataSettings settings) : IScheduledTask
{
    public const string Id = "data_cleanup";

    public const string CompletedEvent = "data.cleanup.completed";


    public string TaskId => Id;

    public string Name => "Data cleanup";

    public string Description => "Deletes runs, events and snapshots older than the host's Retention settings, in small batches, then reclaims space with incremental vacuum";

    public TaskConfigSchema ConfigSchema { get; } = new([
        new ConfigField("batch_size", ConfigFieldType.Integer, Description: "Rows per delete call (1–10000, default 500)"),
        new ConfigField("vacuum_step_pages", ConfigFieldType.Integer, Description: "Pages per incremental vacuum step (1–100000, default 256)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        int batchSize, vacuumStep;
        try
        {
            batchSize = context.GetConfig("batch_size", 500);
            vacuumStep = context.GetConfig("vacuum_step_pages", 256);
        }
        catch (FormatException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: "ConfigurationError");
        }
        if (batchSize is < 1 or > 10_000)
        {
            return TaskResult.Failure($"config 'batch_size' {batchSize} is outside 1–10000.", errorType: "ConfigurationError");
        }
        if (vacuumStep is < 1 or > 100_000)
        {
            return TaskResult.Failure($"config 'vacuum_step_pages' {vacuumStep} is outside 1–100000.", errorType: "ConfigurationError");
        }

        var retention = host.Retention;
        var now = context.Time.GetUtcNow();
        var before = await host.CountAsync(cancellationToken).ConfigureAwait(false);
        var batches = 0;

        DateTimeOffset? runsCutoff = retention.RunDays > 0 ? now.AddDays(-retention.RunDays) : null;
        var runsDeleted = 0;
        if (runsCutoff is { } endedBefore)
        {
            runsDeleted = await DrainAsync(
                ct => host.DeleteRunsAsync(endedBefore, Math.Max(retention.KeepRunsPerJob, 0), batchSize, ct), () => batches++, cancellationToken).ConfigureAwait(false);
        }
        context.Log($"runs: {runsDeleted} deleted" + (runsCutoff is null ? " (Retention:Runs:Days is 0: kept forever)" : $" (ended before {runsCutoff:O}, newest {retention.KeepRunsPerJob} per job kept)"));

        DateTimeOffset? eventsCutoff = retention.EventDays > 0 ? now.AddDays(-retention.EventDays) : null;
        long? eventCap = retention.EventMaxCount > 0 ? retention.EventMaxCount : null;
        var eventsDeleted = 0;
        if (eventsCutoff is not null || eventCap is not null)
        {
            eventsDeleted = await DrainAsync(
                ct => host.DeleteEventsAsync(eventsCutoff ?? DateTimeOffset.MinValue, eventCap ?? long.MaxValue, batchSize, ct), () => batches++, cancellationToken).ConfigureAwait(false);
        }
        context.Log($"events: {eventsDeleted} deleted (before {eventsCutoff?.ToString("O") ?? "-"}, at most {eventCap?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} kept)");

        // Portfolio snapshots live in the portfolio's tables: pruned through its exported store, a batch of account-days at a time.
        DateOnly? snapshotsCutoff = retention.SnapshotDays > 0
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, settings.TimeZone).DateTime).AddDays(-retention.SnapshotDays)
            : null;
        var snapshotsDeleted = 0;
        if (snapshotsCutoff is { } snapshotsBefore)
        {
            snapshotsDeleted = await DrainAsync(
                ct => portfolio.DeleteSnapshotsBeforeAsync(snapshotsBefore, batchSize, ct), () => batches++, cancellationToken).ConfigureAwait(false);
        }
        context.Log($"snapshots: {snapshotsDeleted} account-days deleted" + (snapshotsCutoff is null ? " (Retention:Snapshots:Days is 0: kept forever)" : $" (before {snapshotsCutoff:yyyy-MM-dd}, each account's newest kept)"));

        long pagesFreed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var freed = await host.IncrementalVacuumAsync(vacuumStep, cancellationToken).ConfigureAwait(false);
            if (freed <= 0)
            {
                break;
            }
            pagesFreed += freed;
            await Task.Yield();
        }
        cancellationToken.ThrowIfCancellationRequested();
        var after = await host.CountAsync(cancellationToken).ConfigureAwait(false);
        context.Log($"vacuum: {pagesFreed} pages freed; database {before.DatabaseBytes} → {after.DatabaseBytes} bytes");

        var report = new CleanupReport(runsDeleted, runsCutoff, retention.KeepRunsPerJob, eventsDeleted, eventsCutoff, eventCap,
            snapshotsDeleted, snapshotsCutoff, batches, batchSize, pagesFreed, before.DatabaseBytes, after.DatabaseBytes);
        await context.Events.PublishAsync(CompletedEvent, report, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(report);
    }

    /// <summary>Calls a batched delete until it reports nothing left, yielding between calls so other writers get the database.</summary>
    private static async Task<int> DrainAsync(Func<CancellationToken, Task<int>> deleteBatch, Action counted, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var deleted = await deleteBatch(cancellationToken).ConfigureAwait(false);
            counted();
            if (deleted <= 0)
            {
                return total;
            }
            total += deleted;
            await Task.Yield();
        }
    }
}
