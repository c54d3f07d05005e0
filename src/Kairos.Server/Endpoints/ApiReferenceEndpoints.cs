using Scalar.AspNetCore;

namespace Kairos.Server.Endpoints;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive reference page (<c>/api/reference</c>).
/// Both are open: they describe the API, they grant nothing, and the page must load the document without a key.
/// </summary>
public static class ApiReferenceEndpoints
{
    /// <summary>Where the reference page is served.</summary>
    public const string ReferencePath = "/api/reference";

    public static IEndpointRouteBuilder MapKairosApiReference(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi().AllowAnonymous();
        endpoints.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "Kairos API";
            // The page must work offline and send nothing anywhere but this server.
            options.Telemetry = false;
        }).AllowAnonymous();
        return endpoints;
    }
}
