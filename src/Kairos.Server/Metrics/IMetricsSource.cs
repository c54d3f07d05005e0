namespace Kairos.Server.Metrics;

/// <summary>
/// Something that reports metrics at scrape time: <c>GET /metrics</c> calls every registered source, so
/// components keep their own counters (the engine, the event bus) and adapt them here without the server
/// reaching into them between scrapes. Register with <c>services.AddSingleton&lt;IMetricsSource, …&gt;()</c>.
/// </summary>
public interface IMetricsSource
{
    /// <summary>Writes the current values. Must be quick and must not block on I/O.</summary>
    void Collect(MetricsWriter writer);
}
