using Kairos.Storage.Jobs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Jobs;

/// <summary>
/// Replaces many jobs inside the caller's transaction through statements prepared once per write connection and bound
/// by position: thousands of one-off jobs finishing together are stored in a few milliseconds.
/// </summary>
/// <remarks>
/// The first UPDATE leaves <c>task_id</c> (the only indexed column) out of its SET and requires it unchanged, so the
/// usual change (a job's state) does not rewrite the task index; when the task did change, no row matches and the
/// full UPDATE replaces the row.
/// </remarks>
internal sealed class JobBatchUpdater(SqliteConnection connection) : IDisposable
{
    private const string SameTaskSql =
        "UPDATE jobs SET name = ?2, schedule_json = ?4, config_json = ?5, options_json = ?6, state = ?7, fire_from = ?8, " +
        "created_at = ?9, updated_at = ?10, version = ?11 WHERE job_id = ?1 AND task_id = ?3";

    private const string FullSql =
        "UPDATE jobs SET name = ?2, task_id = ?3, schedule_json = ?4, config_json = ?5, options_json = ?6, state = ?7, " +
        "fire_from = ?8, created_at = ?9, updated_at = ?10, version = ?11 WHERE job_id = ?1";

    private readonly RawStatement _sameTask = new(connection, SameTaskSql);
    private RawStatement? _full;

    /// <summary>Replaces the job's row; returns false when no job has its id.</summary>
    public bool Update(JobRecord job)
    {
        Bind(_sameTask, job);
        if (_sameTask.Execute() == 1)
        {
            return true;
        }
        _full ??= new RawStatement(connection, FullSql);
        Bind(_full, job);
        return _full.Execute() == 1;
    }

    private static void Bind(RawStatement s, JobRecord job)
    {
        s.Bind(1, job.JobId);
        s.Bind(2, job.Name);
        s.Bind(3, job.TaskId);
        s.Bind(4, job.ScheduleJson);
        s.Bind(5, job.ConfigJson);
        s.Bind(6, job.OptionsJson);
        s.Bind(7, StoreText.Of(job.State));
        s.Bind(8, UnixMs.From(job.FireFrom));
        s.Bind(9, UnixMs.From(job.CreatedAt));
        s.Bind(10, UnixMs.From(job.UpdatedAt));
        s.Bind(11, job.Version);
    }

    public void Dispose()
    {
        _sameTask.Dispose();
        _full?.Dispose();
    }
}
