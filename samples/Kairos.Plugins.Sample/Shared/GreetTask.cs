using System.Globalization;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Sample;

/// <summary>
/// Greets <c>name</c> (config, default "world") with the <c>Greeting</c> setting, after waiting
/// <c>wait_seconds</c> (config, default 0, on the host's clock), records it and publishes <c>sample.greeted</c>.
/// </summary>
public sealed class GreetTask(IPluginDatabase database, IConfiguration settings) : IScheduledTask
{
    /// <summary>The task id.</summary>
    public const string Id = "sample_greet";

    /// <summary>The event published after each greeting.</summary>
    public const string GreetedEvent = "sample.greeted";

    /// <inheritdoc />
    public string TaskId => Id;

    /// <inheritdoc />
    public string Name => "Greet";

    /// <inheritdoc />
    public string Description => "Greets someone, records it and publishes sample.greeted";

    /// <inheritdoc />
    public TaskConfigSchema? ConfigSchema { get; } = new(
    [
        new ConfigField("name", ConfigFieldType.String, Description: "who to greet"),
        new ConfigField("wait_seconds", ConfigFieldType.Integer, Description: "how long to wait before greeting"),
    ]);

    /// <inheritdoc />
    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.GetConfig("name", "world");
        var wait = context.GetConfig("wait_seconds", 0);
        context.Log($"greeting {name} (sample {SampleVersion.Value})");
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), context.Time, cancellationToken).ConfigureAwait(false);
        }
        var message = $"{settings["Greeting"] ?? "Hello"}, {name}!";
        await RecordAsync(name, message, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await context.Events.PublishAsync(GreetedEvent, new Greeted(name, message, SampleVersion.Value), name, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(new GreetResult(message, SampleVersion.Value));
    }

    private async Task RecordAsync(string name, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = SampleVersion.Major >= 2
                ? "INSERT INTO sample_greetings (name, message, greeted_at, version) VALUES (@name, @message, @at, @version)"
                : "INSERT INTO sample_greetings (name, message, greeted_at) VALUES (@name, @message, @at)";
            Add(command, "@name", name);
            Add(command, "@message", message);
            Add(command, "@at", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            Add(command, "@version", SampleVersion.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>The data of <c>sample.greeted</c>.</summary>
public sealed record Greeted(string Name, string Message, string Version);

/// <summary>The result of a greeting run.</summary>
public sealed record GreetResult(string Message, string Version);
