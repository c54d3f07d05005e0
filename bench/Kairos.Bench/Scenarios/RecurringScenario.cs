using Kairos.Bench.Measurement;
using Kairos.Bench.Systems;

namespace Kairos.Bench.Scenarios;

/// <summary>
/// W1: N jobs, each every second, either spread (job k at k/N s into the second) or on the whole-second grid (all N
/// due together each second). After a warm-up, the fires scheduled in the measured window are kept: lag percentiles,
/// missed fires (expected N × seconds minus fires that started within 2 s after the window), CPU per fire (process
/// CPU time over the window ÷ fires) and peak memory (up to the window's last fire; the harness's analysis after it is
/// reported apart).
/// </summary>
public static class RecurringScenario
{
    public static async Task<ChildResult> RunAsync(ISystemUnderTest system, int n, bool spread, TimeSpan warmup, TimeSpan measure)
    {
        ArgumentNullException.ThrowIfNull(system);
        var result = new ChildResult();
        var sampler = new ProcessSampler();
        await using (sampler.ConfigureAwait(false))
        {
            var seconds = (int)Math.Round(measure.TotalSeconds);
            var recorder = new FireRecorder(checked(n * (seconds + 1)), Clock.Time);
            var setupStart = Clock.Now;
            var firstDue = Clock.CeilToSecond(setupStart + system.SetupLead(n));
            try
            {
                await system.ScheduleRecurringAsync(n, firstDue, spread, recorder).ConfigureAwait(false);
            }
            catch (NotSupportedException ex)
            {
                return ChildResult.Unsupported(ex.Message);
            }
            await system.StartAsync().ConfigureAwait(false);
            var ready = Clock.Now;
            result.Set("setup_ms", (ready - setupStart).TotalMilliseconds);
            if (ready > firstDue)
            {
                result.Note($"ready {(ready - firstDue).TotalMilliseconds:0} ms after the first fire was due (absorbed by the warm-up)");
            }

            var windowStart = firstDue + warmup;
            var windowEnd = windowStart + TimeSpan.FromSeconds(seconds);
            recorder.SetWindow(windowStart, windowEnd);
            await Clock.UntilAsync(windowStart).ConfigureAwait(false);
            var cpuStart = ProcessSampler.CpuTime();
            var allocatedStart = GC.GetTotalAllocatedBytes();
            var gen0 = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            await Clock.UntilAsync(windowEnd).ConfigureAwait(false);
            var cpu = ProcessSampler.CpuTime() - cpuStart;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedStart;
            result.Set("gc_gen0_in_window", GC.CollectionCount(0) - gen0).Set("gc_gen2_in_window", GC.CollectionCount(2) - gen2);

            var expected = (long)n * seconds;
            await Clock.PollUntilAsync(() => recorder.Count >= expected, windowEnd + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            // The load's peak: from the process start to the window's last fire, with the scheduler running. What
            // follows is the harness's own analysis (sorting 700,000 lags: 5.6 MB for any system; counting a store's
            // runs) and the system's shutdown, reported apart below.
            var peakUnderLoad = sampler.PeakWorkingSetBytes;
            recorder.Close();
            LagStats.Add(result, recorder);
            result.Set("expected", expected)
                .Set("missed", Math.Max(0, expected - recorder.Count))
                .Set("cpu_per_fire_us", cpu.TotalMicroseconds / Math.Max(1, recorder.Count))
                .Set("cpu_cores_used", cpu.TotalSeconds / seconds)
                .Set("alloc_per_fire_bytes", allocated / (double)Math.Max(1, recorder.Count));

            await system.StopAsync(result, windowStart, windowEnd).ConfigureAwait(false);
            result.Set("peak_working_set_mb", peakUnderLoad / 1048576.0)
                .Set("peak_working_set_incl_analysis_mb", sampler.PeakWorkingSetBytes / 1048576.0)
                .Set("peak_gc_heap_mb", sampler.PeakGcHeapBytes / 1048576.0);
            if (result.Metrics.TryGetValue("runs_succeeded_in_window", out var recorded) && recorded is { } r)
            {
                result.Set("every_run_recorded", r >= recorder.Count && recorder.Count == expected ? 1 : 0);
            }
        }
        return result;
    }
}
