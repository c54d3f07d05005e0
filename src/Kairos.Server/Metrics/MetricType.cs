namespace Kairos.Server.Metrics;

/// <summary>The Prometheus metric types Kairos exposes.</summary>
public enum MetricType
{
    /// <summary>Only goes up (runs started, events published). Name it <c>…_total</c>.</summary>
    Counter,

    /// <summary>Goes up and down (queue depth, running runs).</summary>
    Gauge,

    /// <summary>Observations counted in buckets (run duration, scheduling lag).</summary>
    Histogram,
}
