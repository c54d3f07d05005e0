using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Portfolio.Tests.Support.Hosting;

/// <summary>A run's context as the plugin host gives it: config, log, events, the plugin's services and clock.</summary>
internal sealed class TestTaskContext(
    string taskId,
    JsonObject config,
    IEventPublisher events,
    TimeProvider time,
    IServiceProvider services,
    JsonSerializerOptions jsonOptions,
    KairosEvent? trigger,
    TimeZoneInfo zone,
    CancellationToken cancellationToken) : TaskContext
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) { return _lines.ToArray(); } }
    }

    public override string RunId { get; } = "run-" + Guid.NewGuid().ToString("N")[..8];
    public override string? JobId => null;
    public override string TaskId => taskId;
    public override DateTimeOffset ScheduledAt { get; } = time.GetUtcNow();
    public override int Attempt => 1;
    public override string IdempotencyKey => RunId;
    public override TimeZoneInfo TimeZone => zone;
    public override JsonObject Config => config;
    public override KairosEvent? TriggerEvent => trigger;
    public override IEventPublisher Events => events;
    public override CancellationToken CancellationToken => cancellationToken;
    public override TimeProvider Time => time;
    public override IServiceProvider Services => services;
    public override JsonSerializerOptions JsonOptions => jsonOptions;

    public override void Log(LogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add($"{level}: {message}");
        }
    }
}
