using Kairos.Storage.Jobs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Jobs;

/// <summary>
/// Stores many jobs' states inside the caller's transaction through a statement prepared once per write connection
/// and bound by position: thousands of one-off jobs finishing together are stored in a few milliseconds. Only the
/// columns a state change touches are written (no indexed column among them, and no JSON text to bind).
/// </summary>
internal sealed class JobBatchUpdater(SqliteConnection connection) : IDisposable
{
    private const string StateSql = "UPDATE jobs SET state = ?2, fire_from = ?3, updated_at = ?4, version = ?5 WHERE job_id = ?1";

    private readonly RawStatement _state = new(connection, StateSql);

    /// <summary>Stores the job's state and its times and version; returns false when no job has its id.</summary>
    public bool UpdateState(JobRecord job)
    {
        _state.Bind(1, job.JobId);
        _state.Bind(2, StoreText.Of(job.State));
        _state.Bind(3, UnixMs.From(job.FireFrom));
        _state.Bind(4, UnixMs.From(job.UpdatedAt));
        _state.Bind(5, job.Version);
        return _state.Execute() == 1;
    }

    public void Dispose() => _state.Dispose();
}
