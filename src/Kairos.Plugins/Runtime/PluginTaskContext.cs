using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Runtime;

/// <summary>
/// The host's task context as a plugin sees it: the same run, but events serialised with the plugin's JSON
/// options, its services, and a token that also fires when the plugin is unloaded past its drain timeout.
/// </summary>
internal sealed class PluginTaskContext(TaskContext inner, PluginRuntime runtime, CancellationToken cancellationToken) : TaskContext
{
    private readonly PluginEventPublisher _events = new(inner.Events, runtime.JsonOptions);

    public override string RunId => inner.RunId;
    public override string? JobId => inner.JobId;
    public override string TaskId => inner.TaskId;
    public override DateTimeOffset ScheduledAt => inner.ScheduledAt;
    public override int Attempt => inner.Attempt;
    public override string IdempotencyKey => inner.IdempotencyKey;
    public override TimeZoneInfo TimeZone => inner.TimeZone;
    public override JsonObject Config => inner.Config;
    public override KairosEvent? TriggerEvent => inner.TriggerEvent;
    public override IEventPublisher Events => _events;
    public override CancellationToken CancellationToken => cancellationToken;
    public override TimeProvider Time => inner.Time;
    public override IServiceProvider Services => runtime.Services;
    public override JsonSerializerOptions JsonOptions => runtime.JsonOptions;

    public override void Log(LogLevel level, string message) => inner.Log(level, message);
}
