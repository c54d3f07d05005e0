using Microsoft.OpenApi;

namespace Kairos.Server.Endpoints;

/// <summary>The OpenAPI document: the API's endpoints plus the two ways to send the key, so the reference page can call the API.</summary>
public static class KairosOpenApi
{
    public static IServiceCollection AddKairosOpenApi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Kairos";
            document.Info.Description = "Scheduled tasks over HTTP. Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "KAIROS_API_KEY (admin) or KAIROS_READ_API_KEY (read only).",
            };
            document.Components.SecuritySchemes["api_key"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-API-Key",
                Description = "The same keys, in a header.",
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("api_key", document)] = [] },
            ];
            return Task.CompletedTask;
        }));
        return services;
    }
}
