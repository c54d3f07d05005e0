using System.Collections.Concurrent;

namespace Kairos.Server.Metrics;

/// <summary>
/// Named counters, gauges and histograms that server components update as things happen; itself an
/// <see cref="IMetricsSource"/>. Asking twice for the same name and labels returns the same instrument;
/// a name is bound to one type and one help text by its first use.
/// </summary>
public sealed class MetricsRegistry : IMetricsSource
{
    private readonly ConcurrentDictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <summary>The counter <paramref name="name"/> with <paramref name="labels"/>, created on first use.</summary>
    public MetricCounter Counter(string name, string help, MetricLabels? labels = null) =>
        (MetricCounter)Get(name, help, MetricType.Counter, labels, static () => new MetricCounter());

    /// <summary>The gauge <paramref name="name"/> with <paramref name="labels"/>, created on first use.</summary>
    public MetricGauge Gauge(string name, string help, MetricLabels? labels = null) =>
        (MetricGauge)Get(name, help, MetricType.Gauge, labels, static () => new MetricGauge());

    /// <summary>The histogram <paramref name="name"/> with <paramref name="labels"/>; <paramref name="upperBounds"/> apply on creation.</summary>
    public MetricHistogram Histogram(string name, string help, IReadOnlyList<double> upperBounds, MetricLabels? labels = null) =>
        (MetricHistogram)Get(name, help, MetricType.Histogram, labels, () => new MetricHistogram(upperBounds));

    /// <inheritdoc />
    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            foreach (var (labels, instrument) in family.Series.Values.OrderBy(s => s.Labels.Key, StringComparer.Ordinal))
            {
                switch (instrument)
                {
                    case MetricCounter counter: writer.Counter(family.Name, family.Help, counter.Value, labels); break;
                    case MetricGauge gauge: writer.Gauge(family.Name, family.Help, gauge.Value, labels); break;
                    case MetricHistogram histogram: writer.Histogram(family.Name, family.Help, histogram.Snapshot(), labels); break;
                }
            }
        }
    }

    private object Get(string name, string help, MetricType type, MetricLabels? labels, Func<object> create)
    {
        labels ??= MetricLabels.None;
        var family = _families.GetOrAdd(name, static (n, state) =>
        {
            MetricNames.ValidateMetric(n);
            return new Family(n, state.help, state.type);
        }, (help, type));
        if (family.Type != type)
        {
            throw new InvalidOperationException($"Metric '{name}' is a {family.Type}, not a {type}.");
        }

        return family.Series.GetOrAdd(labels.Key, _ => (labels, create())).Instrument;
    }

    private sealed record Family(string Name, string Help, MetricType Type)
    {
        public ConcurrentDictionary<string, (MetricLabels Labels, object Instrument)> Series { get; } = new(StringComparer.Ordinal);
    }
}
