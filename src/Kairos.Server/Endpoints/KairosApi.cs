using Kairos.Events;
using Kairos.Server.Endpoints.Schedules;

using Kairos.Plugins.Http;

namespace Kairos.Server.Endpoints;

/// <summary>
/// Maps every endpoint of the server. API endpoints live under <see cref="Prefix"/>, one <c>Map…</c> extension
/// per concept in its own file of this folder, each taking the group this method creates. Every endpoint
/// needs a key unless it says <c>.AllowAnonymous()</c> (see <c>Security/ApiKeyMiddleware</c>).
/// </summary>
public static class KairosApi
{
    /// <summary>The prefix of every scheduler API route.</summary>
    public const string Prefix = "/api/v1/scheduler";

    /// <summary>Maps health, metrics, the API reference and the scheduler API; returns the API group.</summary>
    public static RouteGroupBuilder MapKairosEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapKairosHealth();
        app.MapKairosMetrics();
        app.MapKairosApiReference();

        var api = app.MapGroup(Prefix).WithTags("scheduler");
        api.MapSchedulePreview();
        api.MapJobs();
        api.MapRuns();
        api.MapTasks();
        api.MapStatus();
        api.MapKairosPlugins();
        app.MapPluginRoutes();
        api.MapKairosEvents();
        return api;
    }
}
