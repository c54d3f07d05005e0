using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Sdk.Events;
using Microsoft.Extensions.Logging;

namespace Kairos.Sdk.Tasks;

/// <summary>
/// Everything one run of a task may use: its merged config, its log, the event publisher, its identity
/// and the services of the task's plugin. Created by the host for each run.
/// </summary>
public abstract class TaskContext
{
    /// <summary>The run's id.</summary>
    public abstract string RunId { get; }

    /// <summary>The job that fired, or null for an ad-hoc execution of a task.</summary>
    public abstract string? JobId { get; }

    /// <summary>The task being run.</summary>
    public abstract string TaskId { get; }

    /// <summary>The instant the run was scheduled for (for a manual run: when it was requested).</summary>
    public abstract DateTimeOffset ScheduledAt { get; }

    /// <summary>1 for the first attempt, n for the n-th retry attempt.</summary>
    public abstract int Attempt { get; }

    /// <summary>
    /// A key that is the same for every attempt of one fire (job id and scheduled time, or the run id of an
    /// ad-hoc run): tasks that write elsewhere use it to make a repeated run harmless.
    /// </summary>
    public abstract string IdempotencyKey { get; }

    /// <summary>The job's time zone (the scheduler's default for ad-hoc runs).</summary>
    public abstract TimeZoneInfo TimeZone { get; }

    /// <summary>The merged config: job config overlaid by a manual run's overrides.</summary>
    public abstract JsonObject Config { get; }

    /// <summary>The event that triggered this run, for event-triggered jobs.</summary>
    public abstract KairosEvent? TriggerEvent { get; }

    /// <summary>Publishes events as this run (they carry its run id).</summary>
    public abstract IEventPublisher Events { get; }

    /// <summary>Cancelled on timeout, on a cancel request and at shutdown.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The clock; tasks never read the system clock directly.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>The services of the task's plugin (its settings, HTTP clients, exported services).</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>
    /// The JSON options for this run's own types (config objects, results): the plugin's options inside a
    /// plugin, so that no shared cache keeps a plugin's types after it is unloaded.
    /// </summary>
    public virtual JsonSerializerOptions JsonOptions => KairosJson.Current;

    /// <summary>Adds a timestamped line to the run's log (also sent to the host's logger).</summary>
    public abstract void Log(LogLevel level, string message);

    /// <summary>Adds an information line to the run's log.</summary>
    public void Log(string message) => Log(LogLevel.Information, message);

    /// <summary>A string setting, or <paramref name="defaultValue"/> when absent or null.</summary>
    public string GetConfig(string key, string defaultValue) =>
        Config.TryGetPropertyValue(key, out var node) && node is not null
            ? node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString()
            : defaultValue;

    /// <summary>
    /// A typed setting, or <paramref name="defaultValue"/> when absent or null. Numbers given as strings
    /// convert to numeric types; the conversion is exact for <see cref="decimal"/>.
    /// </summary>
    /// <exception cref="FormatException">The value cannot be read as <typeparamref name="T"/>; the message names the key.</exception>
    public T GetConfig<T>(string key, T defaultValue)
    {
        if (!Config.TryGetPropertyValue(key, out var node) || node is null)
        {
            return defaultValue;
        }
        try
        {
            if (node.GetValueKind() == JsonValueKind.String && typeof(T) != typeof(string) && IsNumeric(typeof(T)))
            {
                return (T)Convert.ChangeType(node.GetValue<string>(), Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
            }
            return node.Deserialize<T>(JsonOptions) ?? defaultValue;
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or FormatException or OverflowException)
        {
            throw new FormatException($"config '{key}' cannot be read as {typeof(T).Name}: {node.ToJsonString()}", ex);
        }
    }

    private static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(short) || t == typeof(byte);
    }
}
