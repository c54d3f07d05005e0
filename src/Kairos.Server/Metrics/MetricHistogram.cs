namespace Kairos.Server.Metrics;

/// <summary>Counts observations into fixed buckets. Thread-safe.</summary>
public sealed class MetricHistogram
{
    private readonly double[] _upperBounds;
    private readonly long[] _bucketCounts;
    private readonly Lock _lock = new();
    private long _count;
    private double _sum;

    public MetricHistogram(IReadOnlyList<double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        _upperBounds = [.. upperBounds];
        for (var i = 0; i < _upperBounds.Length; i++)
        {
            if (!double.IsFinite(_upperBounds[i]) || (i > 0 && _upperBounds[i] <= _upperBounds[i - 1]))
            {
                throw new ArgumentException("Histogram bounds must be finite and strictly increasing.", nameof(upperBounds));
            }
        }

        _bucketCounts = new long[_upperBounds.Length];
    }

    /// <summary>Seconds from 5 ms to 10 min: covers HTTP handlers and most runs.</summary>
    public static IReadOnlyList<double> DurationSecondsBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Records one observation.</summary>
    public void Observe(double value)
    {
        var index = Array.BinarySearch(_upperBounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        lock (_lock)
        {
            if (index < _bucketCounts.Length)
            {
                _bucketCounts[index]++;
            }

            _count++;
            _sum += value;
        }
    }

    /// <summary>A consistent copy of the current state.</summary>
    public HistogramSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new HistogramSnapshot(_upperBounds, [.. _bucketCounts], _count, _sum);
        }
    }
}
