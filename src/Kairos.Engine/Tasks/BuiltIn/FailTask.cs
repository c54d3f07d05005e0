using Kairos.Sdk.Tasks;

namespace Kairos.Engine.Tasks.BuiltIn;

/// <summary><c>kairos.fail</c>: fails with config <c>message</c>. For checking retries and alerts.</summary>
public sealed class FailTask : IScheduledTask
{
    public string TaskId => "kairos.fail";
    public string Name => "Fail";
    public string Description => "Fails with config 'message'; use it to check retries and failure handling.";
    public TaskConfigSchema? ConfigSchema { get; } = new([new ConfigField("message", ConfigFieldType.String)]);

    public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.GetConfig("message", "kairos.fail was asked to fail");
        context.Log(message);
        return Task.FromResult(TaskResult.Failure(message, errorType: "RequestedFailure"));
    }
}
