using Kairos.Sdk;
using Microsoft.AspNetCore.Diagnostics;

namespace Kairos.Server.Http;

/// <summary>
/// The HTTP conventions of every endpoint: snake_case JSON (as <see cref="KairosJson"/>), problem details
/// for every error status, bad requests thrown (not silently answered) so one handler words them, 1 MiB bodies.
/// </summary>
public static class HttpHardeningExtensions
{
    /// <summary>Registers JSON options, problem details, the exception handler and the body limit.</summary>
    public static WebApplicationBuilder AddKairosHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = HttpLimits.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            var source = KairosJson.Options;
            var target = json.SerializerOptions;
            target.PropertyNamingPolicy = source.PropertyNamingPolicy;
            target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
            target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
            target.NumberHandling = source.NumberHandling;
            foreach (var converter in source.Converters)
            {
                target.Converters.Add(converter);
            }
        });

        // Throwing lets KairosExceptionHandler answer 400/413/415 with a worded problem instead of an empty body.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = StandardProblems.AddDetail);
        builder.Services.AddExceptionHandler<KairosExceptionHandler>();
        builder.Services.Configure<ExceptionHandlerOptions>(handler =>
        {
            // KairosExceptionHandler logs what deserves logging; the middleware would log every bad request as an error.
            handler.SuppressDiagnosticsCallback = _ => true;
        });
        return builder;
    }

    /// <summary>Adds exception handling and problem details for bodiless error answers (404, 405, …).</summary>
    public static WebApplication UseKairosHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
