using System.Text.Json.Nodes;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Tests.Support;

/// <summary>A run's context as the engine would give it (the plugin system wraps it for the plugin).</summary>
internal sealed class TestTaskContext(string taskId, JsonObject config, TestPluginHost host, string pluginId, TimeProvider time, CancellationToken cancellationToken) : TaskContext
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public override string RunId { get; } = "run-" + Guid.NewGuid().ToString("N")[..8];
    public override string? JobId => null;
    public override string TaskId => taskId;
    public override DateTimeOffset ScheduledAt => time.GetUtcNow();
    public override int Attempt => 1;
    public override string IdempotencyKey => RunId;
    public override TimeZoneInfo TimeZone => TimeZoneInfo.Utc;
    public override JsonObject Config => config;
    public override KairosEvent? TriggerEvent => null;
    public override IEventPublisher Events => new TestPluginHost.Publisher(host, pluginId, RunId);
    public override CancellationToken CancellationToken => cancellationToken;
    public override TimeProvider Time => time;
    public override IServiceProvider Services => throw new InvalidOperationException("the plugin system must give tasks the plugin's services");

    public override void Log(LogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add(message);
        }
    }
}
