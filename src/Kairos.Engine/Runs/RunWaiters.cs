using System.Collections.Concurrent;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>Lets callers await the end of a run (the API's <c>?wait=N</c>): completed from the run writer's commits.</summary>
public sealed class RunWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RunRecord>> _waiters = new(StringComparer.Ordinal);

    /// <summary>Registers interest in a run; complete it with <see cref="Committed"/>.</summary>
    public Task<RunRecord> WaitFor(string runId) =>
        _waiters.GetOrAdd(runId, _ => new TaskCompletionSource<RunRecord>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string runId) => _waiters.TryRemove(runId, out _);

    public void Committed(IReadOnlyList<RunRecord> batch)
    {
        if (_waiters.IsEmpty)
        {
            return;
        }
        foreach (var run in batch)
        {
            if (run.Status != RunStatus.Running && _waiters.TryRemove(run.RunId, out var waiter))
            {
                waiter.TrySetResult(run);
            }
        }
    }
}
