using Kairos.Sdk.Tasks;

namespace Kairos.Engine.Tasks.BuiltIn;

/// <summary><c>kairos.sleep</c>: waits <c>seconds</c> (on the host's clock), honouring cancellation.</summary>
public sealed class SleepTask : IScheduledTask
{
    public string TaskId => "kairos.sleep";
    public string Name => "Sleep";
    public string Description => "Waits for config 'seconds' (default 1) and succeeds; honours cancellation. For checking timeouts and shutdown.";
    public TaskConfigSchema? ConfigSchema { get; } = new([new ConfigField("seconds", ConfigFieldType.Number, Description: "How long to wait")]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = context.GetConfig("seconds", 1m);
        context.Log($"sleeping {seconds} s");
        await Task.Delay(TimeSpan.FromSeconds((double)seconds), context.Time, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(new { slept_seconds = seconds });
    }
}
