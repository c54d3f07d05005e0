namespace Kairos.Engine.Firing;

/// <summary>An auto-resetting async signal: wakes the fire loop when an earlier fire was queued.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => Volatile.Read(ref _tcs).Task;

    public void Set() => Volatile.Read(ref _tcs).TrySetResult();

    /// <summary>Re-arms the signal if it fired; a Set after Reset is never lost.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _tcs);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }
}
