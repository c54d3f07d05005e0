namespace Kairos.Server.Metrics;

/// <summary>A value that goes up and down. Thread-safe.</summary>
public sealed class MetricGauge
{
    private double _value;

    /// <summary>The current value.</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>Replaces the value.</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);

    /// <summary>Adds <paramref name="amount"/>.</summary>
    public void Increment(double amount = 1) => AtomicDouble.Add(ref _value, amount);

    /// <summary>Subtracts <paramref name="amount"/>.</summary>
    public void Decrement(double amount = 1) => AtomicDouble.Add(ref _value, -amount);
}
