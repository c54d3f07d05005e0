namespace Kairos.Server.Metrics;

/// <summary>Prometheus naming rules, checked when a metric or label is created rather than at scrape time.</summary>
internal static class MetricNames
{
    public static void ValidateMetric(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or ':' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                throw new ArgumentException($"'{name}' is not a valid metric name: use [a-zA-Z_:][a-zA-Z0-9_:]*.", nameof(name));
            }
        }
    }

    public static void ValidateLabel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok || name.StartsWith("__", StringComparison.Ordinal) || name == "le")
            {
                throw new ArgumentException($"'{name}' is not a valid label name: use [a-zA-Z_][a-zA-Z0-9_]*, not '__…' or 'le'.", nameof(name));
            }
        }
    }
}
