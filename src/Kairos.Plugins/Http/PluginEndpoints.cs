using Kairos.Plugins.Install;
using Kairos.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Http;

/// <summary>
/// The plugin management API (under the server's scheduler group) and the one host route that serves every
/// plugin's own endpoints. The server applies authentication; these need a <see cref="PluginManager"/> in
/// the application's services.
/// </summary>
public static class PluginEndpoints
{
    /// <summary>The prefix of every plugin's own endpoints.</summary>
    public const string PluginRoutePrefix = "/api/v1/plugins";

    /// <summary>
    /// Maps <c>GET plugins</c>, <c>POST plugins</c> (zip upload, only when <see cref="PluginManagerOptions.AllowUpload"/>),
    /// <c>DELETE plugins/{id}</c> and <c>POST plugins/{id}/reload|disable|enable</c> on <paramref name="group"/>.
    /// </summary>
    public static RouteGroupBuilder MapKairosPlugins(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("plugins", ([FromServices] PluginManager manager) => TypedResults.Ok(new PluginList(manager.List())))
            .WithName("ListPlugins");
        group.MapPost("plugins", UploadAsync).WithName("InstallPlugin").DisableAntiforgery();
        group.MapDelete("plugins/{id}", async (string id, [FromServices] PluginManager manager, CancellationToken ct) =>
            await manager.DeleteAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : UnknownPlugin(id)).WithName("DeletePlugin");
        group.MapPost("plugins/{id}/reload", (string id, [FromServices] PluginManager manager, CancellationToken ct) =>
            Answer(id, manager.ReloadAsync(id, ct))).WithName("ReloadPlugin");
        group.MapPost("plugins/{id}/disable", (string id, [FromServices] PluginManager manager, CancellationToken ct) =>
            Answer(id, manager.DisableAsync(id, ct))).WithName("DisablePlugin");
        group.MapPost("plugins/{id}/enable", (string id, [FromServices] PluginManager manager, CancellationToken ct) =>
            Answer(id, manager.EnableAsync(id, ct))).WithName("EnablePlugin");
        return group;
    }

    /// <summary>
    /// Maps <c>/api/v1/plugins/{plugin_id}/{**path}</c> (every method) to the loaded plugin's own router, with the
    /// prefix stripped (<c>PathBase</c> = <c>/api/v1/plugins/{plugin_id}</c>) and the plugin's services as
    /// <c>RequestServices</c>. Unknown or unloaded plugins answer 404 problem details.
    /// </summary>
    public static IEndpointConventionBuilder MapPluginRoutes(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Plugin endpoints are the plugins' own: the server's API description does not list this catch-all.
        return app.Map(PluginRoutePrefix + "/{plugin_id}/{**path}", DispatchAsync).WithName("PluginEndpoints").ExcludeFromDescription();
    }

    private static async Task DispatchAsync(HttpContext context)
    {
        var manager = context.RequestServices.GetRequiredService<PluginManager>();
        var id = context.Request.RouteValues["plugin_id"] as string ?? "";
        if (manager.GetLoaded(id) is not { } runtime || !runtime.Activity.TryEnter(out var lease))
        {
            await UnknownPlugin(id).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        using (lease)
        {
            if (runtime.Router is not { } router)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"plugin '{id}' has no HTTP endpoints").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            var request = context.Request;
            var (pathBase, path, routeValues, endpoint, services) = (request.PathBase, request.Path, request.RouteValues, context.GetEndpoint(), context.RequestServices);
            var prefix = new PathString($"{PluginRoutePrefix}/{id}");
            request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var remaining);
            var scope = runtime.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    request.PathBase = pathBase.Add(prefix);
                    request.Path = remaining.HasValue ? remaining : new PathString("/");
                    request.RouteValues = [];
                    context.SetEndpoint(null); // the plugin's routing only matches when no endpoint is set
                    context.RequestServices = scope.ServiceProvider;
                    Task work;
                    using (KairosJson.UseOptions(runtime.JsonOptions))
                    {
                        work = router(context);
                    }
                    await work.ConfigureAwait(false);
                }
                finally
                {
                    request.PathBase = pathBase;
                    request.Path = path;
                    request.RouteValues = routeValues;
                    context.SetEndpoint(endpoint);
                    context.RequestServices = services;
                }
            }
        }
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, [FromServices] PluginManager manager, CancellationToken cancellationToken)
    {
        if (!manager.Options.AllowUpload)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: "installing plugins over HTTP is switched off; set KAIROS_PLUGIN_UPLOAD=true to allow it, or copy the plugin folder into the plugins folder");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = manager.Options.MaxUploadBytes;
        }
        if (request.ContentLength > manager.Options.MaxUploadBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"the upload exceeds {manager.Options.MaxUploadBytes} bytes");
        }
        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                if (form.Files.Count != 1)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "send the plugin as one zip file (form field 'file') or as the request body (application/zip)");
                }
                await form.Files[0].CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            if (buffer.Length > manager.Options.MaxUploadBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: $"the upload exceeds {manager.Options.MaxUploadBytes} bytes");
            }
            buffer.Position = 0;
            try
            {
                var info = await manager.InstallZipAsync(buffer, cancellationToken).ConfigureAwait(false);
                return TypedResults.Created($"{request.PathBase}{request.Path}/{info.Id}", info);
            }
            catch (PluginInstallException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
            }
        }
    }

    private static async Task<IResult> Answer(string id, Task<PluginInfo?> operation) =>
        await operation.ConfigureAwait(false) is { } info ? TypedResults.Ok(info) : UnknownPlugin(id);

    private static IResult UnknownPlugin(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"plugin '{id}' is not installed or not loaded");

    /// <summary>The body of <c>GET plugins</c>.</summary>
    /// <param name="Items">Every known plugin.</param>
    public sealed record PluginList(IReadOnlyList<PluginInfo> Items)
    {
        /// <summary>Plugins are listed whole: there is never a next page.</summary>
        public string? NextCursor => null;
    }
}
