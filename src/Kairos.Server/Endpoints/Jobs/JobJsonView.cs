using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Server.Endpoints;

/// <summary>The API shape of a job: its definition, options, state, next fire time (in the job's zone) and last run.</summary>
public static class JobJsonView
{
    public static JsonObject ToJson(ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var json = JobJson.ToSpecJson(job.Record);
        json["state"] = JobStateNames.ToName(job.Record.State);
        json["next_run_time"] = ApiTime.InZone(job.NextFireTime, job.Schedule.TimeZone);
        json["last_run"] = job.LastRun is { } run ? LastRun(run) : null;
        json["created_at"] = ApiTime.Utc(job.Record.CreatedAt);
        json["updated_at"] = ApiTime.Utc(job.Record.UpdatedAt);
        return json;
    }

    private static JsonObject LastRun(RunRecord run) => new()
    {
        ["run_id"] = run.RunId,
        ["status"] = Kairos.Engine.Runs.RunStatusNames.ToName(run.Status),
        ["trigger"] = Kairos.Engine.Runs.RunStatusNames.ToName(run.Trigger),
        ["scheduled_at"] = ApiTime.Utc(run.ScheduledAt),
        ["started_at"] = ApiTime.Utc(run.StartedAt),
        ["finished_at"] = ApiTime.Utc(run.FinishedAt),
        ["duration_ms"] = run.DurationMs,
    };
}
