using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine.Runs;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary>The API shape of a run.</summary>
public static class RunJson
{
    public static JsonObject ToJson(RunRecord run, bool withDetail)
    {
        ArgumentNullException.ThrowIfNull(run);
        var json = new JsonObject
        {
            ["run_id"] = run.RunId,
            ["job_id"] = run.JobId,
            ["task_id"] = run.TaskId,
            ["trigger"] = RunStatusNames.ToName(run.Trigger),
            ["status"] = RunStatusNames.ToName(run.Status),
            ["scheduled_at"] = ApiTime.Utc(run.ScheduledAt),
            ["started_at"] = ApiTime.Utc(run.StartedAt),
            ["finished_at"] = ApiTime.Utc(run.FinishedAt),
            ["duration_ms"] = run.DurationMs,
            ["attempt"] = run.Attempt,
            ["retry_of"] = run.RetryOf,
            ["reason"] = run.Reason,
            ["node"] = run.Node,
            ["trigger_event_id"] = run.TriggerEventId,
            ["error"] = run.Error is { } error
                ? new JsonObject { ["type"] = error.Type, ["message"] = error.Message, ["stack"] = withDetail ? error.StackTrace : null }
                : null,
            ["missed"] = run.Missed is { } missed
                ? new JsonObject
                {
                    ["count"] = missed.Count,
                    ["at_least"] = missed.CountIsLowerBound,
                    ["first_scheduled_at"] = ApiTime.Utc(missed.FirstScheduledAt),
                    ["last_scheduled_at"] = ApiTime.Utc(missed.LastScheduledAt),
                }
                : null,
            ["truncation"] = run.Truncation,
            ["retry"] = run.Retry is { } retry
                ? new JsonObject { ["run_id"] = retry.RunId, ["due_at"] = ApiTime.Utc(retry.DueAt) }
                : null,
        };
        if (withDetail)
        {
            json["result"] = run.ResultJson is null ? null : JsonNode.Parse(run.ResultJson);
            json["config"] = run.ConfigJson is null ? null : JsonNode.Parse(run.ConfigJson);
            json["logs"] = new JsonArray(run.Logs.Select(l => (JsonNode)new JsonObject
            {
                ["time"] = ApiTime.Utc(l.Time),
                ["level"] = l.Level,
                ["message"] = l.Message,
            }).ToArray());
        }
        return json;
    }
}
