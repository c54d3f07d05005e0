using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kairos.Plugins.Http;

/// <summary>
/// Builds a plugin's own little HTTP pipeline (routing + its endpoints) over its service provider. The
/// host never sees the plugin's endpoints: one host route hands requests to this pipeline, so everything
/// routing built (matchers, request delegates) belongs to the plugin and goes away with it.
/// </summary>
internal static class PluginRouterFactory
{
    public static RequestDelegate Build(IServiceProvider services, IReadOnlyList<Action<IEndpointRouteBuilder>> maps)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var map in maps)
            {
                map(endpoints);
            }
        });
        return app.Build();
    }
}
