using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.MyPlugin;

/// <summary>A task: reads its config, logs, publishes an event and returns a result.</summary>
public sealed class HelloTask(IConfiguration settings) : IScheduledTask
{
    /// <summary>The task id jobs refer to.</summary>
    public const string Id = "my_plugin_hello";

    /// <inheritdoc />
    public string TaskId => Id;

    /// <inheritdoc />
    public string Name => "Hello";

    /// <inheritdoc />
    public string Description => "Greets someone";

    /// <inheritdoc />
    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Log("Executing hello");
        var name = context.GetConfig("name", "world");
        var message = $"{settings["Greeting"] ?? "Hello"}, {name}!";
        await context.Events.PublishAsync("my_plugin.hello.completed", new { name, message }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(new { message });
    }
}
