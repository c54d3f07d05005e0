using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine;

namespace Kairos.Server.Endpoints;

/// <summary><c>/tasks</c>: every task known, available or not (its plugin absent).</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/tasks", async (KairosEngine engine, CancellationToken ct) =>
        {
            var tasks = await engine.Store.Tasks.ListAsync(ct).ConfigureAwait(false);
            var items = tasks.OrderBy(t => t.TaskId, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject
            {
                ["task_id"] = t.TaskId,
                ["name"] = t.Name,
                ["description"] = t.Description,
                ["plugin_id"] = t.PluginId,
                ["plugin_version"] = t.PluginVersion,
                ["available"] = engine.Catalog.TryGet(t.TaskId, out _),
                ["config_schema"] = t.ConfigSchemaJson is null ? null : JsonNode.Parse(t.ConfigSchemaJson),
            }).ToArray();
            return Results.Json(new JsonObject { ["items"] = new JsonArray(items), ["next_cursor"] = null });
        });
        return api;
    }
}
