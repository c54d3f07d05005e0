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

    /// <summary>Writes the same shape as <see cref="ToJson"/> straight to a writer, from the job's cached definition.</summary>
    public static void Write(System.Text.Json.Utf8JsonWriter writer, ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        writer.WriteStartObject();
        foreach (var property in job.Definition.RootElement.EnumerateObject())
        {
            property.WriteTo(writer);
        }
        writer.WriteString("state", JobStateNames.ToName(job.Record.State));
        WriteStringOrNull(writer, "next_run_time", ApiTime.InZone(job.NextFireTime, job.Schedule.TimeZone));
        writer.WritePropertyName("last_run");
        if (job.LastRun is { } run)
        {
            LastRun(run).WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
        WriteStringOrNull(writer, "created_at", ApiTime.Utc(job.Record.CreatedAt));
        WriteStringOrNull(writer, "updated_at", ApiTime.Utc(job.Record.UpdatedAt));
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(System.Text.Json.Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
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
