using Kairos.Server.Http;
using System.Text.Json.Nodes;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Server.Configuration;
using Kairos.Storage.Jobs;

namespace Kairos.Server.Endpoints;

/// <summary><c>/status</c>: whether the scheduler runs, its zone, version, node, uptime and counts.</summary>
public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/status", async (KairosEngine engine, KairosServerOptions options, IEnumerable<IStatusContributor> contributors, CancellationToken ct) =>
        {
            var now = engine.Time.GetUtcNow();
            var jobs = new JsonObject();
            foreach (var state in Enum.GetValues<JobState>())
            {
                jobs[JobStateNames.ToName(state)] = engine.Jobs.All.Count(j => j.Record.State == state);
            }
            var byStatus = await engine.Store.Runs.CountByStatusSinceAsync(now.AddHours(-24), ct).ConfigureAwait(false);
            var runs = new JsonObject();
            foreach (var (status, count) in byStatus.OrderBy(p => p.Key))
            {
                runs[RunStatusNames.ToName(status)] = count;
            }
            var report = new JsonObject
            {
                ["running"] = engine.IsFiring,
                ["enabled"] = engine.Options.SchedulerEnabled,
                ["timezone"] = engine.Options.DefaultTimeZone.Id,
                ["version"] = typeof(KairosEngine).Assembly.GetName().Version?.ToString(3),
                ["node"] = engine.Options.NodeId,
                ["started_at"] = ApiTime.Utc(engine.StartedAt),
                ["uptime_seconds"] = engine.StartedAt is { } started ? (long)(now - started).TotalSeconds : 0,
                ["jobs"] = jobs,
                ["running_runs"] = engine.Executor.Active,
                ["runs_last_24h"] = runs,
            };
            foreach (var contributor in contributors)
            {
                contributor.Contribute(report);
            }
            return Results.Json(report);
        });
        return api;
    }
}

/// <summary>Adds a section to <c>/status</c> (e.g. plugin counts).</summary>
public interface IStatusContributor
{
    void Contribute(JsonObject status);
}
