using Kairos.Storage.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Kairos.Storage.Tasks;

namespace Kairos.Storage.Conformance;

/// <summary>Builders for records used across the conformance suite.</summary>
public static class StoreSamples
{
    /// <summary>JSON with odd spacing, key order and non-ASCII text: stores must keep it byte for byte.</summary>
    public const string OddJson = "{ \"z\": 1,\"a\" :[1, 2.50, \"ünï ✓\"], \"nested\": {\"k\": null} }";

    public static JobRecord Job(string jobId, DateTimeOffset at, string taskId = "kairos.noop", JobState state = JobState.Scheduled) => new()
    {
        JobId = jobId,
        Name = "Job " + jobId,
        TaskId = taskId,
        ScheduleJson = "{\"type\":\"interval\",\"seconds\":60,\"anchor\":\"2025-01-06T09:00:00Z\",\"timezone\":\"Asia/Shanghai\"}",
        ConfigJson = OddJson,
        OptionsJson = "{\"max_instances\":1,\"coalesce\":true,\"misfire_grace_time\":null}",
        State = state,
        FireFrom = at,
        CreatedAt = at,
        UpdatedAt = at,
    };

    public static TaskDefinitionRecord TaskDefinition(string taskId, string pluginId, DateTimeOffset at, bool available = true) => new()
    {
        TaskId = taskId,
        Name = "Task " + taskId,
        Description = "Does " + taskId,
        PluginId = pluginId,
        PluginVersion = "1.2.3",
        Available = available,
        ConfigSchemaJson = "{\"type\":\"object\"}",
        UpdatedAt = at,
    };

    /// <summary>A scheduled run that has just started.</summary>
    public static RunRecord Started(string runId, string? jobId, DateTimeOffset startedAt, string taskId = "kairos.noop") => new()
    {
        RunId = runId,
        JobId = jobId,
        TaskId = taskId,
        Trigger = jobId is null ? RunTrigger.Manual : RunTrigger.Schedule,
        ScheduledAt = jobId is null ? null : startedAt,
        StartedAt = startedAt,
        Status = RunStatus.Running,
        Node = "node-a",
        ConfigJson = "{}",
    };

    /// <summary>The end of <paramref name="started"/>.</summary>
    public static RunRecord Finished(RunRecord started, RunStatus status, DateTimeOffset finishedAt) => started with
    {
        Status = status,
        FinishedAt = finishedAt,
        DurationMs = (long)(finishedAt - started.StartedAt!.Value).TotalMilliseconds,
        ResultJson = status == RunStatus.Succeeded ? "{\"rows\": 3}" : null,
        Error = status == RunStatus.Failed ? new RunError("System.InvalidOperationException", "boom", "at Task.Run()") : null,
        Logs = [new RunLogLine(started.StartedAt!.Value, "info", "started"), new RunLogLine(finishedAt, "warning", "done ✓")],
    };

    /// <summary>A fire that was not run.</summary>
    public static RunRecord Skipped(string runId, string jobId, DateTimeOffset scheduledAt, string reason = "max_instances reached") => new()
    {
        RunId = runId,
        JobId = jobId,
        TaskId = "kairos.noop",
        Trigger = RunTrigger.Schedule,
        ScheduledAt = scheduledAt,
        Status = RunStatus.Skipped,
        Reason = reason,
        Node = "node-a",
    };

    /// <summary>Fires dropped by the misfire rules; as the engine writes it, ScheduledAt is the last missed fire.</summary>
    public static RunRecord Missed(string runId, string jobId, DateTimeOffset first, DateTimeOffset last, long count) => new()
    {
        RunId = runId,
        JobId = jobId,
        TaskId = "kairos.noop",
        Trigger = RunTrigger.Schedule,
        ScheduledAt = last,
        Status = RunStatus.Missed,
        Missed = new MissedFires(count, false, first, last),
        Node = "node-a",
    };

    public static EventRecord Event(string id, string type, DateTimeOffset time, string source = "kairos", string? subject = null, string? runId = null) => new()
    {
        Id = id,
        Type = type,
        Source = source,
        Time = time,
        Subject = subject,
        DataJson = "{\"id\": \"" + id + "\", \"n\": 1.10}",
        RunId = runId,
        Depth = runId is null ? 0 : 1,
    };
}
