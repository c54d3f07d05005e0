using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>
/// Keeps <c>job_last_fires</c> (the latest scheduled fire per job) without an upsert per job and batch: committed
/// batches' last fires wait in memory and are written together every fold interval (<see cref="SqliteStoreOptions.LastFireFoldInterval"/>), inside a run batch's
/// transaction, together with the mark <c>store_marks.job_last_fires</c> (the highest <c>runs.id</c> folded in).
/// A job firing every second then costs one upsert per interval instead of one per fire.
/// </summary>
/// <remarks>
/// Invariant: every committed run with an id above the mark has its last fire in <see cref="_pending"/> (or the
/// process died, in which case the runs themselves say it). So readers take <c>job_last_fires</c> together with the
/// runs above the mark (<see cref="TailSql"/>), which is always exact, and opening the store folds that tail in. Run
/// ids only grow while rows are only added; a deletion could let SQLite reuse ids, so whoever deletes runs folds the
/// tail first and lowers the mark to the remaining maximum in the same transaction.
/// </remarks>
internal sealed class LastFireLedger(TimeSpan foldInterval)
{
    internal const string MarkSql = "SELECT value FROM store_marks WHERE name = 'job_last_fires'";

    /// <summary>The latest scheduled fire per job among runs above the mark (a rowid range: the recent tail only).</summary>
    internal const string TailSql =
        "SELECT job_id, max(scheduled_at) FROM runs WHERE id > (" + MarkSql + ") AND trigger = 'schedule' AND job_id IS NOT NULL GROUP BY job_id";

    internal const string UpsertSql =
        "INSERT INTO job_last_fires (job_id, scheduled_at) VALUES (?1, ?2) " +
        "ON CONFLICT (job_id) DO UPDATE SET scheduled_at = max(scheduled_at, excluded.scheduled_at)";

    internal const string FoldTailSql =
        "INSERT INTO job_last_fires (job_id, scheduled_at) " + TailSql + " " +
        "ON CONFLICT (job_id) DO UPDATE SET scheduled_at = max(scheduled_at, excluded.scheduled_at)";

    internal const string MoveMarkSql = "UPDATE store_marks SET value = (SELECT coalesce(max(id), 0) FROM runs) WHERE name = 'job_last_fires'";

    // Guarded by the store's write lock: only touched from write work and its after-commit step.
    private readonly Dictionary<string, long> _pending = new(StringComparer.Ordinal);
    private long _foldedAt = Stopwatch.GetTimestamp();

    /// <summary>Last fires committed and not yet folded.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>How many pending last fires fit without growing.</summary>
    public int Capacity => _pending.Capacity;

    /// <summary>True when the pending last fires are due to be written with the next batch.</summary>
    public bool FoldDue => _pending.Count > 0 && Stopwatch.GetElapsedTime(_foldedAt) >= foldInterval;

    /// <summary>
    /// Inside a batch's transaction, after its runs: writes the pending last fires and the batch's own, and moves
    /// the mark past every run now stored. Call <see cref="Folded"/> once the transaction commits.
    /// </summary>
    public void Fold(RunBatchWriter writer, IReadOnlyList<KeyValuePair<string, long>>? batch = null)
    {
        // Both written as they are (an upsert keeps the later fire): if the transaction rolls back, nothing here changed.
        writer.WriteLastFires(_pending);
        if (batch is not null)
        {
            writer.WriteLastFires(batch);
        }
        writer.MoveLastFireMark();
    }

    /// <summary>
    /// Makes room for <paramref name="jobs"/> pending last fires at once. Jobs firing every second all have one
    /// pending within a fold interval; grown by doubling instead, the dictionary left each smaller table behind on the
    /// large-object heap, which only a full collection returns (100,000 jobs: ~8 MB).
    /// </summary>
    public void Reserve(int jobs) => _pending.EnsureCapacity(jobs);

    /// <summary>After the commit of a batch that folded: nothing is pending any more.</summary>
    public void Folded()
    {
        _pending.Clear();
        _foldedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>After the commit of a batch that did not fold: its fires (the latest per job) wait for the next fold.</summary>
    public void Committed(IReadOnlyList<KeyValuePair<string, long>> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            Merge(_pending, batch[i].Key, batch[i].Value);
        }
    }

    /// <summary>Keeps the later of the known and the given fire of a job.</summary>
    private static void Merge(Dictionary<string, long> into, string jobId, long scheduledAt)
    {
        // One look-up: this runs for every scheduled run written.
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(into, jobId, out var existed);
        if (!existed || scheduledAt > known)
        {
            known = scheduledAt;
        }
    }
}
