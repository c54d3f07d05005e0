namespace Kairos.Sdk.Plugins;

/// <summary>
/// Housekeeping hooks of the host's own data (runs, events, the database file), for a maintenance plugin.
/// Deletions work in small batches so the scheduler never stalls: call them in a loop until they return 0.
/// </summary>
public interface IHostMaintenance
{
    /// <summary>The host's retention settings (<c>Retention:*</c>).</summary>
    HostRetentionSettings Retention { get; }

    /// <summary>The host's data folder (database, backups, reports live under it).</summary>
    string DataDirectory { get; }

    /// <summary>
    /// Writes a consistent online copy of the Kairos database to <paramref name="destinationPath"/> while the
    /// scheduler keeps running (SQLite's backup API), then opens the copy and runs an integrity check.
    /// </summary>
    /// <exception cref="IOException">The destination exists or cannot be written.</exception>
    Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> ended runs (with their log lines) that ended before
    /// <paramref name="endedBefore"/>, never one of the newest <paramref name="keepPerJob"/> runs of its job.
    /// </summary>
    /// <returns>How many runs were deleted (0 when nothing is left to delete).</returns>
    Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> of the oldest events that were published before
    /// <paramref name="before"/> or lie beyond the newest <paramref name="maxCount"/>.
    /// </summary>
    /// <returns>How many events were deleted (0 when nothing is left to delete).</returns>
    Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Returns up to <paramref name="pages"/> free pages to the file system (SQLite <c>incremental_vacuum</c>; never a blocking VACUUM).</summary>
    /// <returns>How many pages were freed.</returns>
    Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default);

    /// <summary>How much data the host holds now.</summary>
    Task<HostDataCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the runs whose reference time (start, else scheduled time) lies in [<paramref name="since"/>,
    /// <paramref name="until"/>), newest first, page by page (constant memory), without their log lines.
    /// </summary>
    IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Streams the events published in [<paramref name="since"/>, <paramref name="until"/>), newest first, page by page.</summary>
    IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>One run, flattened for export.</summary>
public sealed record HostRunRow(
    string RunId,
    string? JobId,
    string TaskId,
    string Trigger,
    string Status,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int Attempt,
    string Node,
    string? Reason,
    string? ErrorType,
    string? ErrorMessage);

/// <summary>One event, flattened for export (<see cref="DataJson"/> is its data as JSON text).</summary>
public sealed record HostEventRow(long Sequence, string Id, string Type, string Source, DateTimeOffset Time, string? Subject, string? DataJson, string? RunId, int Depth);

/// <summary>The host's <c>Retention:*</c> settings; zero days keeps history forever.</summary>
/// <param name="RunDays"><c>Retention:Runs:Days</c> (90): ended runs older than this may be deleted…</param>
/// <param name="KeepRunsPerJob"><c>Retention:Runs:KeepPerJob</c> (100): …except the newest this many of each job.</param>
/// <param name="EventDays"><c>Retention:Events:Days</c> (90): events older than this may be deleted.</param>
/// <param name="EventMaxCount"><c>Retention:Events:MaxCount</c> (1,000,000): events beyond this count may be deleted, oldest first.</param>
/// <param name="SnapshotDays"><c>Retention:Snapshots:Days</c> (730): daily balance and position snapshots kept.</param>
/// <param name="Values">Every key of the <c>Retention</c> section as text, for settings a plugin defines.</param>
public sealed record HostRetentionSettings(int RunDays, int KeepRunsPerJob, int EventDays, long EventMaxCount, int SnapshotDays, IReadOnlyDictionary<string, string?> Values);

/// <summary>The outcome of an online backup.</summary>
/// <param name="Path">The full path of the copy.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="IntegrityCheck">The integrity check's answer (<c>ok</c> when sound).</param>
public sealed record HostBackupResult(string Path, long Bytes, string IntegrityCheck)
{
    /// <summary>True when the copy passed the integrity check.</summary>
    public bool IsSound => string.Equals(IntegrityCheck, "ok", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How much data the host holds.</summary>
/// <param name="Jobs">Jobs.</param>
/// <param name="Runs">Runs (any status).</param>
/// <param name="Events">Events in the event log.</param>
/// <param name="DatabaseBytes">Size of the database file(s).</param>
/// <param name="FreePages">Pages free inside the database file (reclaimable by <see cref="IHostMaintenance.IncrementalVacuumAsync"/>).</param>
public sealed record HostDataCounts(long Jobs, long Runs, long Events, long DatabaseBytes, long FreePages);
