using Kairos.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kairos.Server.Endpoints;

/// <summary><c>GET /health</c>: 200 when the database answers, 503 when it does not. Needs no key.</summary>
public static partial class HealthEndpoint
{
    /// <summary>How long the database may take to answer before the server counts as unhealthy.</summary>
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointConventionBuilder MapKairosHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/health", CheckAsync)
            .AllowAnonymous()
            .WithTags("health")
            .WithSummary("Whether the server and its database answer.");
    }

    private static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> CheckAsync(
        IKairosStore store, ILogger<HealthStatus> logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        bool healthy;
        try
        {
            healthy = await store.PingAsync(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure to reach the database is exactly what "unhealthy" reports.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogPingFailed(logger, ex);
            healthy = false;
        }

        return healthy
            ? TypedResults.Ok(new HealthStatus("healthy"))
            : TypedResults.Json(new HealthStatus("unhealthy"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the database did not answer")]
    private static partial void LogPingFailed(ILogger logger, Exception exception);
}

/// <summary>The body of <c>GET /health</c>: <c>healthy</c> or <c>unhealthy</c>.</summary>
public sealed record HealthStatus(string Status);
