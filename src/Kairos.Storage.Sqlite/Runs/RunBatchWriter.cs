using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>
/// Writes batches of runs, each inside the caller's transaction, with statements prepared once per write connection:
/// one prepared upsert reused for every run, parameters rebound by position. The batch's scheduled fires are collected
/// for <see cref="LastFireLedger"/>, which writes <c>job_last_fires</c> every few seconds, not per batch.
/// </summary>
/// <remarks>
/// A run's end usually differs from its start only in outcome columns. SQLite rewrites every index whose columns
/// appear in an UPDATE's SET list, so the upsert leaves the indexed identity columns (job, task, trigger, scheduled
/// and reference time) out of its SET and guards on them being unchanged: when a run finishes, only the small
/// index of running runs changes. In the rare case an identity column does change, the guard stops the upsert
/// (no row changed) and a full UPDATE replaces the row instead.
/// </remarks>
internal sealed class RunBatchWriter : IDisposable
{
    /// <summary>The columns in parameter order: column i is bound to ?(i+1).</summary>
    private static readonly string[] s_columns =
    [
        "run_id", "job_id", "task_id", "trigger", "scheduled_at", "started_at", "finished_at", "duration_ms", "attempt",
        "retry_of", "status", "reason", "result_json", "error_type", "error_message", "error_stack", "missed_count",
        "missed_lower_bound", "missed_first_at", "missed_last_at", "logs_json", "truncation", "node", "trigger_event_id",
        "config_json", "ref_at", "retry_run_id", "retry_due_at",
    ];

    private static readonly string[] s_identityColumns = ["job_id", "task_id", "trigger", "scheduled_at", "ref_at"];

    private static readonly string s_upsertSql =
        $"INSERT INTO runs ({string.Join(", ", s_columns)}) VALUES ({string.Join(", ", s_columns.Select((_, i) => $"?{i + 1}"))}) " +
        $"ON CONFLICT (run_id) DO UPDATE SET {string.Join(", ", s_columns.Skip(1).Except(s_identityColumns).Select(c => $"{c} = excluded.{c}"))} " +
        $"WHERE {string.Join(" AND ", s_identityColumns.Select(c => $"{c} IS excluded.{c}"))}";

    private static readonly string s_replaceSql =
        $"UPDATE runs SET {string.Join(", ", s_columns.Select((c, i) => (c, i)).Skip(1).Select(x => $"{x.c} = ?{x.i + 1}"))} WHERE run_id = ?1";

    private readonly SqliteConnection _connection;
    private readonly RawStatement _upsert;
    private readonly RunLogsJson _logs = new();
    // In write order, not keyed by job: the ledger keeps the latest per job when the batch commits, so a run costs
    // one dictionary look-up there instead of one here and one there.
    private readonly List<KeyValuePair<string, long>> _fires = [];
    private RawStatement? _replace;
    private RawStatement? _lastFire;
    private RawStatement? _moveMark;
    private RawStatement? _foldTail;

    public RunBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _upsert = new RawStatement(connection, s_upsertSql);
    }

    /// <summary>Starts a batch (a batch that failed part way left nothing behind here).</summary>
    public void Begin() => _fires.Clear();

    /// <summary>Inserts the run or replaces the row with its id.</summary>
    public void Write(RunRecord run)
    {
        var refAt = ReferenceTime(run);
        var logs = _logs.Write(run.Logs);
        Bind(_upsert, run, refAt, logs);
        if (_upsert.Execute() == 0)
        {
            _replace ??= new RawStatement(_connection, s_replaceSql);
            Bind(_replace, run, refAt, logs);
            _replace.Execute();
        }
        if (run is { Trigger: RunTrigger.Schedule, JobId: { } jobId, ScheduledAt: { } scheduledAt })
        {
            _fires.Add(new(jobId, scheduledAt.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>The scheduled fires (job, Unix ms) of the scheduled runs written since <see cref="Begin"/>, in write order; a job may appear more than once.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> BatchFires => _fires;

    /// <summary>Upserts last fires (a stored one never moves back, so a job may appear more than once).</summary>
    public void WriteLastFires(IEnumerable<KeyValuePair<string, long>> lastFires)
    {
        var upsert = _lastFire ??= new RawStatement(_connection, LastFireLedger.UpsertSql);
        foreach (var (jobId, scheduledAt) in lastFires)
        {
            upsert.Bind(1, jobId);
            upsert.Bind(2, scheduledAt);
            upsert.Execute();
        }
    }

    /// <summary>Moves the last-fire mark to the highest run id stored (every run up to it is folded in).</summary>
    public void MoveLastFireMark() => (_moveMark ??= new RawStatement(_connection, LastFireLedger.MoveMarkSql)).Execute();

    /// <summary>Folds the last fires of every run above the mark straight from the runs table, then moves the mark.</summary>
    public void FoldTail()
    {
        (_foldTail ??= new RawStatement(_connection, LastFireLedger.FoldTailSql)).Execute();
        MoveLastFireMark();
    }

    /// <summary>The instant that orders history: the start, else the scheduled time, else the end.</summary>
    public static long ReferenceTime(RunRecord run) =>
        (run.StartedAt ?? run.ScheduledAt ?? run.FinishedAt)?.ToUnixTimeMilliseconds()
        ?? throw new ArgumentException($"Run '{run.RunId}' has no scheduled, start or finish time; at least one is required to place it in history.", nameof(run));

    private static void Bind(RawStatement s, RunRecord run, long refAt, ReadOnlySpan<byte> logs)
    {
        s.Bind(1, run.RunId);
        s.Bind(2, run.JobId);
        s.Bind(3, run.TaskId);
        s.Bind(4, StoreText.Of(run.Trigger));
        s.Bind(5, run.ScheduledAt?.ToUnixTimeMilliseconds());
        s.Bind(6, run.StartedAt?.ToUnixTimeMilliseconds());
        s.Bind(7, run.FinishedAt?.ToUnixTimeMilliseconds());
        s.Bind(8, run.DurationMs);
        s.Bind(9, run.Attempt);
        s.Bind(10, run.RetryOf);
        s.Bind(11, StoreText.Of(run.Status));
        s.Bind(12, run.Reason);
        s.Bind(13, run.ResultJson);
        s.Bind(14, run.Error?.Type);
        s.Bind(15, run.Error?.Message);
        s.Bind(16, run.Error?.StackTrace);
        var missed = run.Missed;
        s.Bind(17, missed?.Count);
        s.Bind(18, missed is null ? null : missed.CountIsLowerBound ? 1 : 0);
        s.Bind(19, missed?.FirstScheduledAt.ToUnixTimeMilliseconds());
        s.Bind(20, missed?.LastScheduledAt.ToUnixTimeMilliseconds());
        s.BindUtf8(21, logs);
        s.Bind(22, run.Truncation);
        s.Bind(23, run.Node);
        s.Bind(24, run.TriggerEventId);
        s.Bind(25, run.ConfigJson);
        s.Bind(26, refAt);
        s.Bind(27, run.Retry?.RunId);
        s.Bind(28, run.Retry?.DueAt.ToUnixTimeMilliseconds());
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _replace?.Dispose();
        _lastFire?.Dispose();
        _moveMark?.Dispose();
        _foldTail?.Dispose();
    }
}
