using System.Globalization;
using System.Text;

namespace Kairos.Server.Metrics;

/// <summary>
/// Collects samples from <see cref="IMetricsSource"/>s and renders the Prometheus text exposition format 0.0.4.
/// Samples are grouped by metric name whatever order they arrive in (the format requires each family's lines
/// together), and a repeated series keeps its first value (the format forbids duplicates).
/// </summary>
public sealed class MetricsWriter
{
    /// <summary>The Content-Type of the rendered text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly List<Family> _order = [];

    /// <summary>A counter sample.</summary>
    public void Counter(string name, string help, double value, MetricLabels? labels = null) =>
        Add(name, help, MetricType.Counter, labels ?? MetricLabels.None, Format(value));

    /// <summary>A gauge sample.</summary>
    public void Gauge(string name, string help, double value, MetricLabels? labels = null) =>
        Add(name, help, MetricType.Gauge, labels ?? MetricLabels.None, Format(value));

    /// <summary>A histogram series: its buckets, <c>_sum</c> and <c>_count</c>.</summary>
    public void Histogram(string name, string help, HistogramSnapshot snapshot, MetricLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.UpperBounds.Count != snapshot.BucketCounts.Count)
        {
            throw new ArgumentException("A histogram snapshot needs one count per upper bound.", nameof(snapshot));
        }

        labels ??= MetricLabels.None;
        var lines = new StringBuilder();
        long cumulative = 0;
        for (var i = 0; i < snapshot.UpperBounds.Count; i++)
        {
            cumulative += snapshot.BucketCounts[i];
            AppendLine(lines, name + "_bucket", labels.RenderWith("le", Format(snapshot.UpperBounds[i])), Format(cumulative));
        }

        AppendLine(lines, name + "_bucket", labels.RenderWith("le", "+Inf"), Format(snapshot.Count));
        AppendLine(lines, name + "_sum", labels.Key, Format(snapshot.Sum));
        AppendLine(lines, name + "_count", labels.Key, Format(snapshot.Count));
        GetFamily(name, help, MetricType.Histogram).TryAdd(labels.Key, lines.ToString());
    }

    /// <summary>Renders every family in the order first seen.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var family in _order)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type.ToString().ToLowerInvariant()).Append('\n');
            foreach (var lines in family.Series.Values)
            {
                text.Append(lines);
            }
        }

        return text.ToString();
    }

    /// <summary>Formats a sample value as the format wants it (<c>+Inf</c>, <c>NaN</c>, invariant digits).</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void Add(string name, string help, MetricType type, MetricLabels labels, string value)
    {
        var lines = new StringBuilder();
        AppendLine(lines, name, labels.Key, value);
        GetFamily(name, help, type).TryAdd(labels.Key, lines.ToString());
    }

    private Family GetFamily(string name, string help, MetricType type)
    {
        if (_families.TryGetValue(name, out var family))
        {
            if (family.Type != type)
            {
                throw new InvalidOperationException($"Metric '{name}' was written as a {family.Type} and now as a {type}.");
            }

            return family;
        }

        MetricNames.ValidateMetric(name);
        family = new Family(name, help ?? string.Empty, type);
        _families.Add(name, family);
        _order.Add(family);
        return family;
    }

    private static void AppendLine(StringBuilder text, string name, string labels, string value) =>
        text.Append(name).Append(labels).Append(' ').Append(value).Append('\n');

    private static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private sealed record Family(string Name, string Help, MetricType Type)
    {
        public Dictionary<string, string> Series { get; } = new(StringComparer.Ordinal);

        public void TryAdd(string labels, string lines) => Series.TryAdd(labels, lines);
    }
}
