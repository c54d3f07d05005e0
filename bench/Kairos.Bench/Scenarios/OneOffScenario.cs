using Kairos.Bench.Measurement;
using Kairos.Bench.Systems;

namespace Kairos.Bench.Scenarios;

/// <summary>
/// W2: N one-off jobs all due at one instant D. Throughput = N ÷ (D → the last run done), where done means the
/// run's record committed for Kairos (or passed through its writer with history off) and the body ran for the peers,
/// which keep no record. Three warm-up bursts of W/3 one-off jobs, 3, 2 and 1 s earlier, prepare the firing path for
/// every system alike: the first compiles it, and the later ones are what .NET's tiered compilation counts (it starts
/// counting calls only once no new method has been compiled for 100 ms), so the measured burst runs optimised code.
/// With a single warm-up burst the measured one ran mostly unoptimised (tier-0) code: it measured the JIT.
/// </summary>
public static class OneOffScenario
{
    public static async Task<ChildResult> RunAsync(ISystemUnderTest system, int n, int warmup)
    {
        ArgumentNullException.ThrowIfNull(system);
        var result = new ChildResult();
        var sampler = new ProcessSampler();
        await using (sampler.ConfigureAwait(false))
        {
            var recorder = new FireRecorder(n, Clock.Time);
            var setupStart = Clock.Now;
            // One second more than with a single burst: the first warm-up burst comes as long after setup as it did.
            var due = Clock.CeilToSecond(setupStart + system.SetupLead(n) + TimeSpan.FromSeconds(1));
            recorder.SetWindow(due, due + TimeSpan.FromTicks(1));
            DateTimeOffset[] warmupDues = [due - TimeSpan.FromSeconds(3), due - TimeSpan.FromSeconds(2), due - TimeSpan.FromSeconds(1)];
            var warmupDue = warmupDues[0];
            await system.ScheduleOneOffAsync(n, due, warmup, warmupDues, recorder).ConfigureAwait(false);
            await system.StartAsync().ConfigureAwait(false);
            var ready = Clock.Now;
            result.Set("setup_ms", (ready - setupStart).TotalMilliseconds);
            if (warmup > 0 && ready > warmupDue)
            {
                result.Note($"ready {(ready - warmupDue).TotalMilliseconds:0} ms after the warm-up burst was due");
            }
            if (ready > due)
            {
                result.Note($"WARNING: ready {(ready - due).TotalMilliseconds:0} ms after the due instant; the figure includes start-up");
            }
            await Clock.UntilAsync(due).ConfigureAwait(false);
            var cpuStart = ProcessSampler.CpuTime();
            var allocatedStart = GC.GetTotalAllocatedBytes();
            long done;
            try
            {
                done = await system.OneOffCompletion.WaitAsync(TimeSpan.FromSeconds(120), Clock.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return ChildResult.Failed($"not done 120 s after the due instant ({recorder.Total} of {n} bodies ran)");
            }
            var cpu = ProcessSampler.CpuTime() - cpuStart;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedStart;
            var elapsed = TimeSpan.FromTicks(done - due.UtcTicks);
            recorder.Close();
            LagStats.Add(result, recorder);
            result.Set("jobs", n)
                .Set("done_ms", elapsed.TotalMilliseconds)
                .Set("last_body_ms", TimeSpan.FromTicks(recorder.LastStartTicks - due.UtcTicks).TotalMilliseconds)
                .Set("throughput_per_s", n / elapsed.TotalSeconds)
                .Set("cpu_per_job_us", cpu.TotalMicroseconds / n)
                .Set("alloc_per_job_bytes", allocated / (double)n);
            await system.StopAsync(result, due, due + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            result.Set("peak_working_set_mb", sampler.PeakWorkingSetBytes / 1048576.0)
                .Set("peak_gc_heap_mb", sampler.PeakGcHeapBytes / 1048576.0);
        }
        return result;
    }
}
