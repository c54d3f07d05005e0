using System.Text.Json.Nodes;

namespace Kairos.Plugins.Hosting;

/// <summary>A plugin's default job, checked and with its final id, in the shape of the jobs API.</summary>
/// <param name="JobId"><c>&lt;plugin_id&gt;_&lt;name&gt;</c>.</param>
/// <param name="PluginId">The plugin that declares it.</param>
/// <param name="TaskId">The task it runs.</param>
/// <param name="Schedule">The schedule object.</param>
/// <param name="Config">The task config object.</param>
/// <param name="Options">Job options as top-level fields of the jobs API (max_instances, timeout, …).</param>
public sealed record PluginJobSeed(string JobId, string PluginId, string TaskId, JsonObject Schedule, JsonObject Config, JsonObject Options)
{
    /// <summary>The body of <c>POST /api/v1/scheduler/jobs</c> for this job (for <c>JobSpecParser.Parse</c>).</summary>
    public JsonObject ToJobBody()
    {
        var body = new JsonObject
        {
            ["job_id"] = JobId,
            ["name"] = JobId,
            ["task_id"] = TaskId,
            ["schedule"] = Schedule.DeepClone(),
            ["config"] = Config.DeepClone(),
        };
        foreach (var (key, value) in Options)
        {
            body[key] = value?.DeepClone();
        }
        return body;
    }
}
