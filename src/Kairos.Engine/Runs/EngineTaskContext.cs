using System.Text.Json.Nodes;
using Kairos.Events;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Runs;

/// <summary>The engine's <see cref="TaskContext"/> for one run.</summary>
internal sealed class EngineTaskContext(
    RunRequest request,
    EventBus bus,
    string pluginId,
    ILogger logger,
    TimeProvider time,
    IServiceProvider services,
    CancellationToken cancellationToken) : TaskContext
{
    public override string RunId => request.RunId;
    public override string? JobId => request.Job?.JobId;
    public override string TaskId => request.TaskId;
    public override DateTimeOffset ScheduledAt => request.ScheduledAt;
    public override int Attempt => request.Attempt;
    public override string IdempotencyKey => request.Job is null
        ? request.RetryOf ?? request.RunId
        : request.TriggerEvent is { } evt ? $"{request.Job.JobId}:event:{evt.Id}" : $"{request.Job.JobId}:{request.ScheduledAt.UtcDateTime:yyyyMMddTHHmmssZ}";
    public override TimeZoneInfo TimeZone => request.TimeZone;
    // Built on first use: most runs of a busy scheduler never read their config or publish, and a task may change
    // its copy freely without touching the job's.
    private JsonObject? _config;
    private IEventPublisher? _events;

    public override JsonObject Config => _config ??= request.Config is { } merged
        ? (JsonObject)merged.DeepClone()
        : request.Job?.ParseConfig() ?? [];
    public override KairosEvent? TriggerEvent => request.TriggerEvent;
    public override IEventPublisher Events => _events ??= bus.CreatePublisher(pluginId, request.RunId, request.TriggerEvent is { } trigger ? trigger.Depth + 1 : 0);

    // Made by the first log line: most runs of a busy scheduler log nothing.
    private RunLog? _log;

    /// <summary>The run's log lines so far (empty when it logged nothing).</summary>
    public IReadOnlyList<Storage.Runs.RunLogLine> LogLines => Volatile.Read(ref _log)?.Lines ?? [];

    /// <summary>A note when log lines were dropped by the cap, else null.</summary>
    public string? LogTruncation => Volatile.Read(ref _log)?.Truncation;

    private RunLog EnsureLog()
    {
        var current = Volatile.Read(ref _log);
        if (current is not null)
        {
            return current;
        }
        var created = new RunLog(time);
        return Interlocked.CompareExchange(ref _log, created, null) ?? created;
    }
    public override CancellationToken CancellationToken => cancellationToken;
    public override TimeProvider Time => time;
    public override IServiceProvider Services => services;

    public override void Log(LogLevel level, string message)
    {
        EnsureLog().Add(level.ToString().ToLowerInvariant(), message);
#pragma warning disable CA1848, CA2254 // the message is the task's own text, not a template
        logger.Log(level, "[{TaskId} {RunId}] {Message}", request.TaskId, request.RunId, message);
#pragma warning restore CA1848, CA2254
    }
}
