using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Events;
using Kairos.Sdk;
using Kairos.Sdk.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Lifecycle;

/// <summary>
/// Publishes the engine's lifecycle events. <c>run.started</c> and <c>run.succeeded</c> are the hot path: they go
/// to live subscribers only (their history is the runs table); every other lifecycle event is also written to
/// the event log.
/// </summary>
public sealed partial class LifecycleEvents(EventBus bus, TimeProvider time, ILogger<LifecycleEvents> logger)
{
    public const string Source = "kairos";

    public Task JobAddedAsync(JobRecord job) => PublishJobAsync("job.added", job);
    public Task JobModifiedAsync(JobRecord job) => PublishJobAsync("job.modified", job);
    public Task JobPausedAsync(JobRecord job) => PublishJobAsync("job.paused", job);
    public Task JobResumedAsync(JobRecord job) => PublishJobAsync("job.resumed", job);
    public Task JobRemovedAsync(JobRecord job) => PublishJobAsync("job.removed", job);

    public Task SchedulerAsync(string type, object data) =>
        PublishAsync(type, JsonSerializer.SerializeToElement(data, KairosJson.Options), null, null);

    /// <summary>Events for a committed batch of run records, in order.</summary>
    public void RunsCommitted(IReadOnlyList<RunRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // Asked once per batch for the two hot types, not once per run: a listener subscribing mid-batch sees the
        // next batch's runs.
        var startedHeard = bus.HasListeners("run.started");
        var succeededHeard = bus.HasListeners("run.succeeded");
        foreach (var run in batch)
        {
            var type = run.Status switch
            {
                RunStatus.Running => "run.started",
                RunStatus.Succeeded => "run.succeeded",
                var status => "run." + RunStatusNames.ToName(status),
            };
            if (run.Status is RunStatus.Running or RunStatus.Succeeded)
            {
                // The hot path: live only, and only built when someone listens.
                if (!(run.Status == RunStatus.Running ? startedHeard : succeededHeard))
                {
                    continue;
                }
                bus.DispatchTransient(new KairosEvent
                {
                    Id = Storage.Uuid7.New(time.GetUtcNow()).ToString("N"),
                    Type = type,
                    Source = Source,
                    Time = time.GetUtcNow(),
                    Subject = run.JobId ?? run.TaskId,
                    Data = RunData(run),
                    RunId = run.RunId,
                });
            }
            else
            {
                _ = PublishAsync(type, RunData(run), run.JobId ?? run.TaskId, run.RunId);
            }
        }
    }

    private static JsonElement RunData(RunRecord run)
    {
        var data = new JsonObject
        {
            ["run_id"] = run.RunId,
            ["job_id"] = run.JobId,
            ["task_id"] = run.TaskId,
            ["trigger"] = RunStatusNames.ToName(run.Trigger),
            ["status"] = RunStatusNames.ToName(run.Status),
            ["scheduled_at"] = run.ScheduledAt?.UtcDateTime,
            ["started_at"] = run.StartedAt?.UtcDateTime,
            ["finished_at"] = run.FinishedAt?.UtcDateTime,
            ["duration_ms"] = run.DurationMs,
            ["attempt"] = run.Attempt,
        };
        if (run.RetryOf is not null)
        {
            data["retry_of"] = run.RetryOf;
        }
        if (run.Reason is not null)
        {
            data["reason"] = run.Reason;
        }
        if (run.Error is { } error)
        {
            data["error"] = new JsonObject { ["type"] = error.Type, ["message"] = error.Message };
        }
        if (run.Missed is { } missed)
        {
            data["missed"] = new JsonObject
            {
                ["count"] = missed.Count,
                ["at_least"] = missed.CountIsLowerBound,
                ["first_scheduled_at"] = missed.FirstScheduledAt.UtcDateTime,
                ["last_scheduled_at"] = missed.LastScheduledAt.UtcDateTime,
            };
        }
        return JsonSerializer.SerializeToElement(data, KairosJson.Options);
    }

    private Task PublishJobAsync(string type, JobRecord job) =>
        PublishAsync(type, JsonSerializer.SerializeToElement(new JsonObject
        {
            ["job_id"] = job.JobId,
            ["name"] = job.Name,
            ["task_id"] = job.TaskId,
            ["state"] = JobStateNames.ToName(job.State),
        }, KairosJson.Options), job.JobId, null);

    private async Task PublishAsync(string type, JsonElement data, string? subject, string? runId)
    {
        try
        {
            await bus.PublishAsync(new EventDraft { Type = type, Source = Source, Subject = subject, Data = data, RunId = runId }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogPublishFailed(ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing lifecycle event {Type} failed")]
    private partial void LogPublishFailed(Exception ex, string type);
}
