namespace Kairos.Sdk.Tasks;

/// <summary>
/// A kind of work a plugin offers, identified by <see cref="TaskId"/>. The host creates one instance per task
/// and calls <see cref="ExecuteAsync"/> for every run, possibly concurrently: keep per-run state in locals.
/// </summary>
public interface IScheduledTask
{
    /// <summary>The task id jobs refer to (<c>fund_nav_update</c>): lower-case letters, digits, '_' and '.'.</summary>
    string TaskId { get; }

    /// <summary>A human-readable name.</summary>
    string Name { get; }

    /// <summary>What the task does, for the API and the dashboard.</summary>
    string Description { get; }

    /// <summary>The config the task accepts; jobs whose config does not match are rejected. Null accepts any object.</summary>
    TaskConfigSchema? ConfigSchema => null;

    /// <summary>Runs the task once.</summary>
    /// <param name="context">The run's config, log, events and identity.</param>
    /// <param name="cancellationToken">Cancelled on timeout, on a cancel request and at shutdown: honour it.</param>
    Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken);
}
