using Kairos.Storage.Runs;

namespace Kairos.Engine.Metrics;

/// <summary>The engine's counters, read by the server's <c>/metrics</c> endpoint at scrape time.</summary>
public sealed class EngineMetrics
{
    private readonly long[] _runsByStatus = new long[Enum.GetValues<RunStatus>().Length];

    /// <summary>Run durations in seconds (finished runs that executed).</summary>
    public Histogram RunDurationSeconds { get; } = new(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800);

    /// <summary>Scheduling lag in seconds: when a fire was handed to the executor minus its scheduled time.</summary>
    public Histogram SchedulingLagSeconds { get; } = new(0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5);

    /// <summary>Runs recorded per final status (including skipped and missed), and run starts.</summary>
    public long RunsWithStatus(RunStatus status) => Interlocked.Read(ref _runsByStatus[(int)status]);

    internal void Committed(IReadOnlyList<RunRecord> batch)
    {
        foreach (var run in batch)
        {
            Interlocked.Increment(ref _runsByStatus[(int)run.Status]);
            if (run.Status != RunStatus.Running && run.DurationMs is { } ms)
            {
                RunDurationSeconds.Observe(ms / 1000.0);
            }
        }
    }
}
