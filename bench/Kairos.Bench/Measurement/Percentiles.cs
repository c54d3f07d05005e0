namespace Kairos.Bench.Measurement;

/// <summary>Percentiles over sorted samples (nearest rank) and the median used across repetitions.</summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–100) of sorted samples; NaN when empty.</summary>
    public static double Of(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median of the values that are numbers; null when there is none.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var numbers = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).Order().ToArray();
        if (numbers.Length == 0)
        {
            return null;
        }
        var middle = numbers.Length / 2;
        return numbers.Length % 2 == 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
    }
}
