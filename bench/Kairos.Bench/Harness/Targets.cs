namespace Kairos.Bench.Harness;

/// <summary>A figure Kairos must reach (the Benchmarks issue), checked against the median.</summary>
public sealed record Target(string Key, string Config, string Metric, string Op, double Value, string Label)
{
    public bool? Met(CaseSummary? summary) => summary?[Metric] is not { } value ? null : Op switch
    {
        "<=" => value <= Value,
        ">=" => value >= Value,
        _ => Math.Abs(value - Value) < 1e-9,
    };

    /// <summary>
    /// The targets. W1's apply to the load the issue defines, the spread one (job k at k/N s); the grid (all N due on
    /// the same whole second) is a harder load, reported beside the peers without targets.
    /// </summary>
    public static IEnumerable<Target> For(BenchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var n in plan.RecurringSizes)
        {
            var key = $"w1-spread-{n}";
            var large = n >= 100_000;
            yield return new Target(key, Configs.Kairos, "lag_p99_ms", "<=", large ? 50 : 5, large ? "p99 ≤ 50 ms" : "p99 ≤ 5 ms");
            yield return new Target(key, Configs.Kairos, "missed", "==", 0, "0 missed");
            yield return new Target(key, Configs.Kairos, "every_run_recorded", "==", 1, "every run recorded");
            if (large || plan.Quick)
            {
                yield return new Target(key, Configs.Kairos, "peak_working_set_mb", "<=", 150, "peak memory ≤ 150 MB");
                yield return new Target(key, Configs.Kairos, "cpu_per_fire_us", "<=", 8, "CPU/fire ≤ 8 µs incl. record");
            }
        }
        yield return new Target("w2", Configs.Kairos, "throughput_per_s", ">=", 150_000, "≥ 150k jobs/s, every run recorded");
        yield return new Target("w2", Configs.KairosHistoryOff, "throughput_per_s", ">=", 1_000_000, "≥ 1M jobs/s, history off");
        yield return new Target("w3", Configs.Kairos, "start_to_first_fire_ms", "<=", 3_000, "≤ 3 s");
        yield return new Target("w4", Configs.Kairos, "events_per_s", ">=", 50_000, "≥ 50k events/s");
        yield return new Target("w4", Configs.Kairos, "handler_lag_p99_ms", "<=", 10, "p99 ≤ 10 ms");
        yield return new Target("w5", Configs.Kairos, "create_p99_ms", "<=", 5, "create p99 ≤ 5 ms");
        yield return new Target("w5", Configs.Kairos, "list_p99_ms", "<=", 50, "list p99 ≤ 50 ms");
    }
}
