using Kairos.Sdk.Tasks;

namespace Kairos.Engine.Tasks.BuiltIn;

/// <summary><c>kairos.noop</c>: does nothing and succeeds. For checking a setup and for benchmarks.</summary>
public sealed class NoopTask : IScheduledTask
{
    public string TaskId => "kairos.noop";
    public string Name => "No-op";
    public string Description => "Does nothing and succeeds; use it to check that scheduling works.";
    public TaskConfigSchema? ConfigSchema { get; } = new([], allowAdditional: true);

    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken) =>
        Task.FromResult(TaskResult.Success());
}
