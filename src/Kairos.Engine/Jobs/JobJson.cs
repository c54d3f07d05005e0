using System.Text.Json.Nodes;
using Kairos.Storage.Jobs;

namespace Kairos.Engine.Jobs;

/// <summary>A stored job as a job body (the shape clients post), for merge patches and the API.</summary>
public static class JobJson
{
    public static JsonObject ToSpecJson(JobRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var body = new JsonObject
        {
            ["job_id"] = record.JobId,
            ["name"] = record.Name,
            ["task_id"] = record.TaskId,
            ["schedule"] = JsonNode.Parse(record.ScheduleJson),
            ["config"] = JsonNode.Parse(record.ConfigJson),
        };
        foreach (var (key, value) in JobOptionsJson.ToJson(JobOptionsJson.FromJson(record.OptionsJson)))
        {
            body[key] = value?.DeepClone();
        }
        return body;
    }
}
