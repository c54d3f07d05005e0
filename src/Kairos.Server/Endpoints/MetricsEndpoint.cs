using Kairos.Server.Metrics;

namespace Kairos.Server.Endpoints;

/// <summary><c>GET /metrics</c>: Prometheus text from every <see cref="IMetricsSource"/>; needs the read key.</summary>
public static partial class MetricsEndpoint
{
    public static IEndpointConventionBuilder MapKairosMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/metrics", Scrape).ExcludeFromDescription();
    }

    private static IResult Scrape(IEnumerable<IMetricsSource> sources, ILogger<MetricsWriter> logger)
    {
        var writer = new MetricsWriter();
        foreach (var source in sources)
        {
            try
            {
                source.Collect(writer);
            }
#pragma warning disable CA1031 // One broken source must not hide every other metric.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSourceFailed(logger, source.GetType().Name, ex);
            }
        }

        return Results.Text(writer.Render(), MetricsWriter.ContentType);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics source {Source} failed; its metrics are missing from this scrape")]
    private static partial void LogSourceFailed(ILogger logger, string source, Exception exception);
}
