namespace Kairos.Server.Metrics;

/// <summary>A value that only goes up. Thread-safe.</summary>
public sealed class MetricCounter
{
    private double _value;

    /// <summary>The current total.</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>Adds <paramref name="amount"/> (not negative).</summary>
    public void Increment(double amount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        AtomicDouble.Add(ref _value, amount);
    }
}
