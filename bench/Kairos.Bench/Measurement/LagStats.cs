namespace Kairos.Bench.Measurement;

/// <summary>Writes the lag figures of a recorder into a result: p50, p99, max (ms) and the fires kept.</summary>
public static class LagStats
{
    public static void Add(ChildResult result, FireRecorder recorder, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(recorder);
        var lags = recorder.SortedLagsMicroseconds();
        result.Set(prefix + "fires", lags.Length)
            .Set(prefix + "lag_p50_ms", Percentiles.Of(lags, 50) / 1000)
            .Set(prefix + "lag_p99_ms", Percentiles.Of(lags, 99) / 1000)
            .Set(prefix + "lag_max_ms", lags.Length == 0 ? null : lags[^1] / 1000)
            .Set(prefix + "lag_min_ms", lags.Length == 0 ? null : lags[0] / 1000);
    }
}
