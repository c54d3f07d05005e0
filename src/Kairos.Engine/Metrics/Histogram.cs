namespace Kairos.Engine.Metrics;

/// <summary>A thread-safe cumulative histogram with fixed upper bounds (Prometheus style).</summary>
public sealed class Histogram(params double[] upperBounds)
{
    private readonly long[] _counts = new long[upperBounds.Length + 1];
    private long _count;
    private long _sumMicros;

    public IReadOnlyList<double> UpperBounds { get; } = upperBounds;

    public void Observe(double value)
    {
        var index = Array.BinarySearch(upperBounds, value);
        if (index < 0)
        {
            index = ~index;
        }
        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(value * 1_000_000));
    }

    public long Count => Interlocked.Read(ref _count);

    public double Sum => Interlocked.Read(ref _sumMicros) / 1_000_000.0;

    /// <summary>Cumulative counts per upper bound (the last entry is +Inf).</summary>
    public long[] CumulativeCounts()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            result[i] = running;
        }
        return result;
    }
}
