namespace Kairos.Server.Metrics;

/// <summary>Counts answered requests by method and status code (<c>kairos_http_requests_total</c>).</summary>
public sealed class HttpRequestMetricsMiddleware(RequestDelegate next, MetricsRegistry registry)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // Method is bounded to the known verbs so a client cannot grow the label set at will.
            var method = context.Request.Method is "GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE" or "OPTIONS"
                ? context.Request.Method
                : "OTHER";
            registry.Counter(
                "kairos_http_requests_total",
                "HTTP requests answered, by method and status code.",
                MetricLabels.Of("method", method).And("code", context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Increment();
        }
    }
}
