using System.Globalization;
using Kairos.Sdk;
using Kairos.Sdk.Tasks;

namespace Kairos.Plugins.Runtime;

/// <summary>
/// What the host's task catalog holds for a plugin task: it runs the task as the plugin's work (counted for
/// draining, with the plugin's JSON options as <see cref="KairosJson.Current"/>) and turns a cancellation
/// caused by an unload into a recorded failure.
/// </summary>
internal sealed class PluginTaskAdapter(IScheduledTask inner, PluginRuntime runtime, TimeSpan drainTimeout) : IScheduledTask
{
    /// <summary>The error type of runs cut short by an unload or upgrade.</summary>
    public const string UnloadedErrorType = "PluginUnloaded";

    public string TaskId { get; } = inner.TaskId;

    public string Name { get; } = inner.Name;

    public string Description { get; } = inner.Description;

    public TaskConfigSchema? ConfigSchema { get; } = inner.ConfigSchema;

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!runtime.Activity.TryEnter(out var lease))
        {
            return TaskResult.Failure($"plugin '{runtime.PluginId}' {runtime.Version} is being unloaded; the run was not started", errorType: UnloadedErrorType);
        }
        using (lease)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, runtime.Activity.Cancelled);
            var pluginContext = new PluginTaskContext(context, runtime, linked.Token);
            try
            {
                Task<TaskResult> work;
                using (KairosJson.UseOptions(runtime.JsonOptions))
                {
                    work = inner.ExecuteAsync(pluginContext, linked.Token);
                }
                return await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (runtime.Activity.Cancelled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return TaskResult.Failure(
                    string.Create(CultureInfo.InvariantCulture, $"cancelled: plugin '{runtime.PluginId}' {runtime.Version} was unloaded and the run did not finish within the drain timeout of {drainTimeout.TotalSeconds:0.###} s"),
                    errorType: UnloadedErrorType);
            }
        }
    }
}
