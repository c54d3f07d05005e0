using System.Collections.Concurrent;
using Kairos.Sdk.Tasks;

namespace Kairos.Engine.Tests.Support;

/// <summary>A task that blocks until the test releases it (honouring cancellation), recording each run id.</summary>
public sealed class GateTask(string taskId = "test.gate") : IScheduledTask
{
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskId => taskId;
    public string Name => "Gate";
    public string Description => "Blocks until released.";
    public ConcurrentQueue<TaskContext> Contexts { get; } = new();

    public void Release()
    {
        var gate = _gate;
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.TrySetResult();
    }

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        Contexts.Enqueue(context);
        await _gate.Task.WaitAsync(cancellationToken);
        return TaskResult.Success(new { released = true });
    }
}

/// <summary>A task that ignores cancellation until the test releases it.</summary>
public sealed class StubbornTask : IScheduledTask
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskId => "test.stubborn";
    public string Name => "Stubborn";
    public string Description => "Ignores cancellation.";

    public void Release() => _gate.TrySetResult();

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        await _gate.Task;
        return TaskResult.Success();
    }
}

/// <summary>A task that throws.</summary>
public sealed class ThrowingTask : IScheduledTask
{
    public string TaskId => "test.throw";
    public string Name => "Throw";
    public string Description => "Throws an exception.";

    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        context.Log("about to throw");
        throw new InvalidOperationException("boom from the task");
    }
}

/// <summary>A badly written task: it blocks its thread (no await) until the test releases it.</summary>
public sealed class ThreadBlockingTask : IScheduledTask, IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskId => "test.block_thread";
    public string Name => "Thread blocker";
    public string Description => "Blocks its thread until released.";

    /// <summary>Completed once the task holds its thread.</summary>
    public Task Started => _started.Task;

    public void Release() => _release.Set();

    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        _release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
        return Task.FromResult(TaskResult.Success());
    }

    public void Dispose() => _release.Dispose();
}
