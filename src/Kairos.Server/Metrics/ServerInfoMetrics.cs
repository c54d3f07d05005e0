using System.Reflection;
using Kairos.Server.Configuration;

namespace Kairos.Server.Metrics;

/// <summary>Facts about this server process: version, node, start time.</summary>
public sealed class ServerInfoMetrics : IMetricsSource
{
    private readonly MetricLabels _info;
    private readonly double _startSeconds;

    public ServerInfoMetrics(KairosServerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var version = typeof(ServerInfoMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        _info = MetricLabels.Of("version", version).And("node", options.NodeId);
        _startSeconds = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <inheritdoc />
    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Gauge("kairos_build_info", "Always 1; the labels name the version and node.", 1, _info);
        writer.Gauge("kairos_start_time_seconds", "When this server started, in Unix seconds.", _startSeconds);
    }
}
