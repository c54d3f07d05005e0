namespace Kairos.Storage.Runs;

/// <summary>Run history. Writes arrive in batches from the engine's single run writer.</summary>
public interface IRunStore
{
    /// <summary>
    /// Inserts or replaces every run of the batch (by run id) in one transaction; returns after commit.
    /// A later record for the same run id (e.g. its end) replaces the earlier one (its start).
    /// </summary>
    Task WriteBatchAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken = default);

    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Newest first (by reference time, then run id), with cursor paging. Items carry no logs.</summary>
    Task<Page<RunRecord>> QueryAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every run still marked running (after a crash these belong to a dead process).</summary>
    Task<IReadOnlyList<RunRecord>> ListRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs that planned a retry (<see cref="RunRecord.Retry"/>) whose retry has no record yet, oldest due first:
    /// the retries a stopped process still owed.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> ListPendingRetriesAsync(CancellationToken cancellationToken = default);

    /// <summary>The status of the job's latest finished run (not skipped or missed), or null.</summary>
    Task<RunStatus?> GetLastStatusAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The latest scheduled time recorded for the job's scheduled fires (including missed and skipped), or null.</summary>
    Task<DateTimeOffset?> GetLastScheduledAtAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>For every job with runs: the latest scheduled time recorded (used at start-up, one query for all jobs).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastScheduledAtByJobAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts runs by status whose reference time is at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> finished runs older than <paramref name="olderThan"/>,
    /// always keeping the newest <paramref name="keepPerJob"/> runs of each job. Returns how many were deleted.
    /// </summary>
    Task<int> DeleteOldAsync(DateTimeOffset olderThan, int keepPerJob, int batchSize, CancellationToken cancellationToken = default);
}
