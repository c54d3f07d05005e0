using System.Collections.Concurrent;
using Kairos.Storage;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests.Support;

/// <summary>
/// The real run store, except that writes wait at a gate the test opens, and every batch handed to the store is kept
/// as it arrived.
/// </summary>
internal sealed class GatedRunStore(IRunStore inner) : IRunStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Copies of the batches written, in order.</summary>
    public ConcurrentQueue<IReadOnlyList<RunRecord>> Batches { get; } = new();

    public void Open() => _gate.TrySetResult();

    public async Task WriteBatchAsync(IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken = default)
    {
        Entered.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        Batches.Enqueue(runs.ToArray());
        await inner.WriteBatchAsync(runs, cancellationToken);
    }

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default) => inner.GetAsync(runId, cancellationToken);
    public Task<Page<RunRecord>> QueryAsync(RunQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
    public Task<IReadOnlyList<RunRecord>> ListRunningAsync(CancellationToken cancellationToken = default) => inner.ListRunningAsync(cancellationToken);
    public Task<IReadOnlyList<RunRecord>> ListPendingRetriesAsync(CancellationToken cancellationToken = default) => inner.ListPendingRetriesAsync(cancellationToken);
    public Task<RunStatus?> GetLastStatusAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetLastStatusAsync(jobId, cancellationToken);
    public Task<DateTimeOffset?> GetLastScheduledAtAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetLastScheduledAtAsync(jobId, cancellationToken);
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetLastScheduledAtByJobAsync(CancellationToken cancellationToken = default) => inner.GetLastScheduledAtByJobAsync(cancellationToken);
    public Task<IReadOnlyDictionary<RunStatus, long>> CountByStatusSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => inner.CountByStatusSinceAsync(since, cancellationToken);
    public Task<int> DeleteOldAsync(DateTimeOffset olderThan, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) => inner.DeleteOldAsync(olderThan, keepPerJob, batchSize, cancellationToken);
}
