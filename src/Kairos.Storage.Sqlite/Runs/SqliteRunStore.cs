using System.Globalization;
using System.Text;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>
/// Run history in the <c>runs</c> table, one row per run id; the latest scheduled fire per job in
/// <c>job_last_fires</c> together with the runs not folded into it yet (<see cref="LastFireLedger"/>). The engine
/// records a <c>missed</c> run with
/// <see cref="RunRecord.ScheduledAt"/> = <see cref="MissedFires.LastScheduledAt"/>, so the last scheduled time
/// read back here is the last fire already accounted for and recovery resumes after it.
/// </summary>
internal sealed class SqliteRunStore(SqliteDatabase database, TimeSpan lastFireFoldInterval) : IRunStore
{
    private const int MaxPageSize = 1000;

    /// <summary>How often a long batch checks for cancellation (a check per run would cost more than it saves).</summary>
    private const int CancellationCheckInterval = 256;

    // The statements the engine relies on at start-up and per fire; named so tests can check their query plans.
    internal const string RunningSql = $"SELECT {RunReader.FullColumns} FROM runs WHERE status = 'running' ORDER BY ref_at, run_id";

    /// <summary>Clears plans due before the cut-off whose retry has no record any more (it was deleted).</summary>
    internal const string SettleAgedOutRetriesSql =
        "UPDATE runs INDEXED BY ix_runs_planned_retry SET retry_run_id = NULL, retry_due_at = NULL " +
        "WHERE retry_run_id IS NOT NULL AND retry_due_at < $older_than AND NOT EXISTS (SELECT 1 FROM runs AS s WHERE s.run_id = runs.retry_run_id)";

    // Walks the small planned-retry index; a retry that ran (or was recorded as dropped) has a row of its own.
    internal const string PendingRetriesSql =
        $"SELECT {RunReader.SummaryColumns} FROM runs AS r INDEXED BY ix_runs_planned_retry WHERE r.retry_run_id IS NOT NULL " +
        "AND NOT EXISTS (SELECT 1 FROM runs AS s WHERE s.run_id = r.retry_run_id) ORDER BY r.retry_due_at, r.run_id";

    internal const string LastStatusSql =
        "SELECT status FROM runs WHERE job_id = $job_id AND status NOT IN ('running', 'skipped', 'missed') ORDER BY ref_at DESC, run_id DESC LIMIT 1";

    // The runs above the mark are the few seconds' tail not folded into job_last_fires yet: a rowid range, read with
    // the job as a filter (the unary + keeps SQLite from walking the job's whole history in ix_runs_job_ref instead).
    internal const string LastScheduledAtSql =
        "SELECT max(at) FROM (SELECT scheduled_at AS at FROM job_last_fires WHERE job_id = $job_id " +
        "UNION ALL SELECT max(scheduled_at) FROM runs WHERE id > (" + LastFireLedger.MarkSql + ") AND +job_id = $job_id AND trigger = 'schedule')";

    internal const string LastScheduledAtByJobSql = "SELECT job_id, scheduled_at FROM job_last_fires UNION ALL " + LastFireLedger.TailSql;

    internal const string CountJobsSql = "SELECT count(*) FROM jobs";

    private readonly LastFireLedger _lastFires = new(lastFireFoldInterval);

    /// <summary>How many jobs' last fires the ledger holds without growing.</summary>
    internal int LastFireCapacity => _lastFires.Capacity;

    /// <summary>
    /// Opening: folds in the last fires of runs a process that died left above the mark, and sizes the ledger for
    /// every stored job.
    /// </summary>
    internal Task OpenAsync(CancellationToken cancellationToken) =>
        database.WriteInTransactionAsync((connection, _, _) =>
        {
            database.WriterCached(connection, static c => new RunBatchWriter(c)).FoldTail();
            _lastFires.Reserve(Convert.ToInt32(SqliteDatabase.Scalar(connection, CountJobsSql), CultureInfo.InvariantCulture));
            return 0;
        }, cancellationToken);

    /// <summary>Closing: writes the last fires still in memory (the next opening would fold them from the runs anyway).</summary>
    internal Task CloseAsync() =>
        _lastFires.PendingCount == 0
            ? Task.CompletedTask
            : database.WriteInTransactionAsync((connection, _, _) =>
            {
                _lastFires.Fold(database.WriterCached(connection, static c => new RunBatchWriter(c)));
                return 0;
            }, CancellationToken.None, committed: _lastFires.Folded);

    public Task WriteBatchAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            return Task.CompletedTask;
        }
        RunBatchWriter? written = null;
        var folded = false;
        return database.WriteInRawTransactionAsync((connection, ct) =>
        {
            var writer = written = database.WriterCached(connection, static c => new RunBatchWriter(c));
            writer.Begin();
            for (var i = 0; i < runs.Count; i++)
            {
                if (i % CancellationCheckInterval == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                writer.Write(runs[i]);
            }
            folded = _lastFires.FoldDue;
            if (folded)
            {
                _lastFires.Fold(writer, writer.BatchFires);
            }
            return runs.Count;
        }, cancellationToken, committed: () =>
        {
            // Still under the write lock: no other batch can commit between this one and its bookkeeping.
            if (folded)
            {
                _lastFires.Folded();
            }
            else
            {
                _lastFires.Committed(written!.BatchFires);
            }
        });
    }

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {RunReader.FullColumns} FROM runs WHERE run_id = $run_id";
            command.With("$run_id", runId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? RunReader.Read(reader, withLogs: true) : null;
        }
    }

    public async Task<Page<RunRecord>> QueryAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var cursor = query.Cursor is null ? (RunCursor?)null : RunCursor.Decode(query.Cursor);

        // Without a job filter, walk the reference-time index newest first and stop once the page is full; left
        // alone, the planner would rather scan and sort the whole table for a task or status filter.
        var index = query.JobId is null ? " INDEXED BY ix_runs_ref" : "";
        var sql = new StringBuilder($"SELECT {RunReader.SummaryColumns} FROM runs{index} WHERE 1 = 1");
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            if (query.JobId is not null)
            {
                sql.Append(" AND job_id = $job_id");
                command.With("$job_id", query.JobId);
            }
            if (query.TaskId is not null)
            {
                sql.Append(" AND task_id = $task_id");
                command.With("$task_id", query.TaskId);
            }
            if (query.Status is { } status)
            {
                sql.Append(" AND status = $status");
                command.With("$status", StoreText.Of(status));
            }
            if (query.Since is { } since)
            {
                sql.Append(" AND ref_at >= $since");
                command.With("$since", UnixMs.From(since));
            }
            if (query.Until is { } until)
            {
                sql.Append(" AND ref_at < $until");
                command.With("$until", UnixMs.From(until));
            }
            if (cursor is { } after)
            {
                // Written as a range on ref_at plus a tie-break so the (…, ref_at, run_id) indexes drive the scan.
                sql.Append(" AND ref_at <= $cursor_ref AND (ref_at < $cursor_ref OR run_id < $cursor_run)");
                command.With("$cursor_ref", after.RefAt).With("$cursor_run", after.RunId);
            }
            sql.Append(" ORDER BY ref_at DESC, run_id DESC LIMIT $limit");
            command.With("$limit", limit + 1);
            command.CommandText = sql.ToString();

            var items = new List<RunRecord>(Math.Min(limit + 1, 128));
            long lastRefAt = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (items.Count == limit)
                {
                    // One row more than the page: there is a next page, starting after the last item kept.
                    return new Page<RunRecord>(items, new RunCursor(lastRefAt, items[^1].RunId).Encode());
                }
                items.Add(RunReader.Read(reader, withLogs: false));
                lastRefAt = reader.GetInt64(RunReader.RefAtOrdinal);
            }
            return new Page<RunRecord>(items, null);
        }
    }

    public Task<IReadOnlyList<RunRecord>> ListRunningAsync(CancellationToken cancellationToken = default) =>
        ListAsync(RunningSql, withLogs: true, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListPendingRetriesAsync(CancellationToken cancellationToken = default) =>
        ListAsync(PendingRetriesSql, withLogs: false, cancellationToken);

    /// <summary>Every run a parameterless SELECT of <see cref="RunReader"/>'s columns returns, in its order.</summary>
    private async Task<IReadOnlyList<RunRecord>> ListAsync(string sql, bool withLogs, CancellationToken cancellationToken)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var runs = new List<RunRecord>();
            while (reader.Read())
            {
                runs.Add(RunReader.Read(reader, withLogs));
            }
            return runs;
        }
    }

    public async Task<RunStatus?> GetLastStatusAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // In history order (reference time, i.e. start): walks ix_runs_job_ref from the newest run and stops at
            // the first finished one. For runs that do not overlap this is also the latest to finish.
            command.CommandText = LastStatusSql;
            command.With("$job_id", jobId);
            return command.ExecuteScalar() is string status ? StoreText.ToRunStatus(status) : null;
        }
    }

    public async Task<DateTimeOffset?> GetLastScheduledAtAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = LastScheduledAtSql;
            command.With("$job_id", jobId);
            return command.ExecuteScalar() is long ms ? UnixMs.To(ms) : null;
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastScheduledAtByJobAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = LastScheduledAtByJobSql;
            using var reader = command.ExecuteReader();
            var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (reader.Read())
            {
                // A job can come twice (stored and in the tail): the later fire wins.
                var at = reader.GetInstant(1);
                var jobId = reader.GetString(0);
                if (!result.TryGetValue(jobId, out var known) || at > known)
                {
                    result[jobId] = at;
                }
            }
            return result;
        }
    }

    public async Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var counts = Enum.GetValues<RunStatus>().ToDictionary(s => s, _ => 0L);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT status, count(*) FROM runs WHERE ref_at >= $since GROUP BY status";
            command.With("$since", UnixMs.From(since));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counts[StoreText.ToRunStatus(reader.GetString(0))] = reader.GetInt64(1);
            }
        }
        return counts;
    }

    public Task<int> DeleteOldAsync(DateTimeOffset olderThan, int keepPerJob, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepPerJob);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return database.WriteInTransactionAsync((connection, transaction, _) =>
        {
            // Deleting could let SQLite reuse run ids at or below the last-fire mark: fold the tail first, and lower
            // the mark to what remains once the rows are gone.
            var writer = database.WriterCached(connection, static c => new RunBatchWriter(c));
            writer.FoldTail();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // A candidate survives while fewer than keepPerJob newer runs of the same job exist (running ones
            // included). Ad-hoc runs (no job) count as one group. The subquery stops after keepPerJob index entries.
            var keep = keepPerJob == 0
                ? ""
                : " AND (SELECT 1 FROM runs n WHERE n.job_id IS r.job_id AND (n.ref_at, n.run_id) > (r.ref_at, r.run_id) " +
                  "LIMIT 1 OFFSET $keep - 1) IS NOT NULL";
            command.CommandText =
                "DELETE FROM runs WHERE id IN (SELECT r.id FROM runs r WHERE r.ref_at < $older_than AND r.status <> 'running'" +
                keep + " ORDER BY r.ref_at, r.run_id LIMIT $batch)";
            command.With("$older_than", UnixMs.From(olderThan)).With("$keep", keepPerJob).With("$batch", batchSize);
            var deleted = command.ExecuteNonQuery();
            // A retry's record can age out while the run that planned it stays (kept per job, or older by reference
            // time: a skipped retry has no start). Its plan is settled, not owed again.
            command.CommandText = SettleAgedOutRetriesSql;
            command.ExecuteNonQuery();
            writer.MoveLastFireMark();
            return deleted;
        }, cancellationToken);
    }
}
