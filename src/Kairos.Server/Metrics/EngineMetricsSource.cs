using Kairos.Engine;
using Kairos.Engine.Runs;
using Kairos.Storage.Runs;
using EngineHistogram = Kairos.Engine.Metrics.Histogram;

namespace Kairos.Server.Metrics;

/// <summary>Exports the engine's counters: runs by status, run durations, scheduling lag, run-writer queue and waits, fires.</summary>
public sealed class EngineMetricsSource(KairosEngine engine) : IMetricsSource
{
    public void Collect(MetricsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            writer.Counter("kairos_run_records_total", "Run records committed, by status (running = run starts).",
                engine.Metrics.RunsWithStatus(status), MetricLabels.Of("status", RunStatusNames.ToName(status)));
        }
        writer.Histogram("kairos_run_duration_seconds", "Duration of finished runs.", Snapshot(engine.Metrics.RunDurationSeconds));
        writer.Histogram("kairos_scheduling_lag_seconds", "Delay between a fire's scheduled time and its hand-over to the executor.", Snapshot(engine.Metrics.SchedulingLagSeconds));
        writer.Counter("kairos_fires_total", "Scheduled fires handed to the executor.", engine.Loop.Fires);
        writer.Gauge("kairos_runs_active", "Runs executing now.", engine.Executor.Active);
        writer.Gauge("kairos_run_writer_queue_depth", "Run records waiting to be written.", engine.Writer.QueueDepth);
        writer.Counter("kairos_run_writer_waits_total", "Times firing waited for room in the run writer's queue.", engine.Writer.Waits);
        writer.Counter("kairos_run_writer_batches_total", "Run-record transactions committed.", engine.Writer.Batches);
        writer.Gauge("kairos_schedule_queue_length", "Fires waiting in the schedule index.", engine.Loop.QueueLength);
        writer.Gauge("kairos_jobs", "Jobs known to the engine.", engine.Jobs.Count);
    }

    private static HistogramSnapshot Snapshot(EngineHistogram histogram)
    {
        var cumulative = histogram.CumulativeCounts();
        var perBucket = new long[histogram.UpperBounds.Count];
        for (var i = 0; i < perBucket.Length; i++)
        {
            perBucket[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return new HistogramSnapshot(histogram.UpperBounds, perBucket, histogram.Count, histogram.Sum);
    }
}
