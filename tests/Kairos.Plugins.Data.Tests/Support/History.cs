using Kairos.Storage.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;

namespace Kairos.Plugins.Data.Tests.Support;

/// <summary>Writes jobs, runs and events into the real Kairos store, as the engine and the event bus do.</summary>
internal static class History
{
    public static JobRecord Job(string id, DateTimeOffset at) => new()
    {
        JobId = id,
        Name = id,
        TaskId = "test_task",
        ScheduleJson = """{"type":"interval","seconds":60}""",
        FireFrom = at,
        CreatedAt = at,
        UpdatedAt = at,
    };

    public static RunRecord Run(string runId, string? jobId, DateTimeOffset startedAt, RunStatus status = RunStatus.Succeeded, string? resultJson = null) => new()
    {
        RunId = runId,
        JobId = jobId,
        TaskId = "test_task",
        Trigger = RunTrigger.Schedule,
        ScheduledAt = startedAt,
        StartedAt = startedAt,
        FinishedAt = status == RunStatus.Running ? null : startedAt.AddSeconds(2),
        DurationMs = status == RunStatus.Running ? null : 2000,
        Status = status,
        Error = status == RunStatus.Failed ? new RunError("Boom", "it failed, \"badly\"", null) : null,
        ResultJson = resultJson,
        Node = "test-node",
    };

    /// <summary><paramref name="count"/> finished runs of a job, one a minute from <paramref name="first"/>.</summary>
    public static async Task<List<RunRecord>> WriteRunsAsync(SqliteKairosStore store, string? jobId, int count, DateTimeOffset first, string? resultJson = null)
    {
        var runs = Enumerable.Range(0, count).Select(i => Run($"{jobId ?? "adhoc"}-{first.ToUnixTimeSeconds()}-{i:D5}", jobId, first.AddMinutes(i), resultJson: resultJson)).ToList();
        foreach (var chunk in runs.Chunk(500))
        {
            await store.Runs.WriteBatchAsync(chunk);
        }
        return runs;
    }

    /// <summary><paramref name="count"/> events, one a minute from <paramref name="first"/>.</summary>
    public static async Task WriteEventsAsync(SqliteKairosStore store, int count, DateTimeOffset first, string type = "test.thing.happened")
    {
        var events = Enumerable.Range(0, count).Select(i => new EventRecord
        {
            Id = $"evt-{first.ToUnixTimeSeconds()}-{i:D6}",
            Type = type,
            Source = "test",
            Time = first.AddMinutes(i),
            Subject = i % 2 == 0 ? $"subject-{i}" : null,
            DataJson = $$"""{"n":{{i}},"text":"a, \"quoted\" value"}""",
        }).ToList();
        foreach (var chunk in events.Chunk(1000))
        {
            await store.Events.AppendAsync(chunk);
        }
    }
}
