using Kairos.Server.Http;
using Microsoft.AspNetCore.Authorization;

namespace Kairos.Server.Security;

/// <summary>
/// Checks the API key after routing and before any body is read, so an unauthenticated caller gets 401
/// whatever else is wrong with its request, and learns nothing about which routes exist. Secure by default:
/// only endpoints carrying <see cref="IAllowAnonymous"/> are open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeySet keys)
{
    /// <summary>The header accepted besides <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-API-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        switch (keys.Authenticate(PresentedKey(context.Request)))
        {
            case ApiKeyAccess.None:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.WriteAsync(
                    context,
                    StatusCodes.Status401Unauthorized,
                    $"A valid API key is required: send 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.").ConfigureAwait(false);
                return;

            case ApiKeyAccess.Read when IsWrite(context.Request) && endpoint?.Metadata.GetMetadata<AllowReadKeyMetadata>() is null:
                await Problems.WriteAsync(
                    context,
                    StatusCodes.Status403Forbidden,
                    "The read API key may only read; this request needs the admin key (KAIROS_API_KEY).").ConfigureAwait(false);
                return;

            default:
                await next(context).ConfigureAwait(false);
                return;
        }
    }

    private static bool IsWrite(HttpRequest request) => !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[bearer.Length..].Trim();
        }

        var header = request.Headers[HeaderName].ToString().Trim();
        return header.Length > 0 ? header : null;
    }
}
