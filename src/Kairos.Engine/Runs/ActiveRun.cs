namespace Kairos.Engine.Runs;

/// <summary>Why a run's cancellation token was cancelled.</summary>
internal enum CancelReason
{
    None,
    Timeout,
    Request,
    Shutdown,
}

/// <summary>
/// A run executing now: its one cancellation source (armed with the job's timeout, if any) and the first reason it
/// was cancelled for, which decides whether the run is recorded timed out, cancelled or interrupted.
/// </summary>
internal sealed class ActiveRun : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private int _reason;

    public ActiveRun(TimeSpan? timeout, TimeProvider time)
    {
        _cancellation = timeout is { } t ? new CancellationTokenSource(t, time) : new CancellationTokenSource();
    }

    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first explicit reason; a cancellation without one came from the timeout timer.</summary>
    public CancelReason Reason
    {
        get
        {
            var reason = (CancelReason)Volatile.Read(ref _reason);
            return reason == CancelReason.None && _cancellation.IsCancellationRequested ? CancelReason.Timeout : reason;
        }
    }

    /// <summary>Cancels the run; the reason is kept only if the run was not cancelled before (the timeout counts).</summary>
    public void Cancel(CancelReason reason)
    {
        if (_cancellation.IsCancellationRequested)
        {
            return;
        }
        Interlocked.CompareExchange(ref _reason, (int)reason, (int)CancelReason.None);
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
