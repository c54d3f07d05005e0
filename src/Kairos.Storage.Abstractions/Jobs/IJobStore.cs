namespace Kairos.Storage.Jobs;

/// <summary>Durable job definitions. Every method returns only after the change is committed.</summary>
public interface IJobStore
{
    /// <summary>Inserts a new job; returns false (and changes nothing) when the id exists.</summary>
    Task<bool> TryInsertAsync(JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the job with this id.</summary>
    Task UpsertAsync(JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>Replaces an existing job; returns false when it does not exist.</summary>
    Task<bool> UpdateAsync(JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the state, <see cref="JobRecord.FireFrom"/>, <see cref="JobRecord.UpdatedAt"/> and
    /// <see cref="JobRecord.Version"/> of existing jobs in one transaction (all or none); their other members stay as
    /// stored, and missing ids are skipped. Returns how many were updated. Used when thousands of one-off jobs finish
    /// together: only what changed is written.
    /// </summary>
    Task<int> UpdateStatesAsync(IReadOnlyList<JobRecord> jobs, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>All jobs ordered by id, optionally filtered by task and state.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(string? taskId = null, JobState? state = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every job ordered by id, read from the store while the caller consumes them: a start-up load of 100,000 jobs
    /// then never holds every stored record at once, only what the caller keeps of each.
    /// </summary>
    IAsyncEnumerable<JobRecord> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the job (its runs stay); returns false when it did not exist.</summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Counts jobs by state.</summary>
    Task<IReadOnlyDictionary<JobState, int>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records, once and for ever, that a seed (a default job, a plugin-owned job) was applied. Returns true the
    /// first time a key is marked, false afterwards: so a default deleted by the user is never re-created.
    /// </summary>
    Task<bool> TryMarkSeededAsync(string seedKey, CancellationToken cancellationToken = default);
}
