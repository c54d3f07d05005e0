using System.Text.Json;
using Kairos.Bench.Measurement;
using Kairos.Events;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Bench.Scenarios;

/// <summary>
/// W4: the event bus on the SQLite store (synchronous=FULL). P publishers each publish and await durability in a
/// loop; one subscriber handles every event. Events/s counts handler deliveries of events published in the measured
/// window; latencies are publish → handler and publish → durable acknowledgement.
/// </summary>
public static class EventBusScenario
{
    private sealed record Ping(long T);

    public static async Task<ChildResult> RunAsync(string dataDirectory, int publishers, TimeSpan warmup, TimeSpan measure)
    {
        var result = new ChildResult();
        var sampler = new ProcessSampler();
        await using (sampler.ConfigureAwait(false))
        {
            var time = Clock.Time;
            var store = new SqliteKairosStore(new SqliteStoreOptions { DataDirectory = dataDirectory, Time = time });
            await store.InitializeAsync().ConfigureAwait(false);
            var bus = new EventBus(store.Events, time, NullLogger<EventBus>.Instance);
            await bus.StartAsync(CancellationToken.None).ConfigureAwait(false);

            // Generous: far above what one machine publishes durably in the window.
            var capacity = (int)Math.Min(20_000_000, 400_000 * measure.TotalSeconds);
            var handled = new FireRecorder(capacity, time);
            var acknowledged = new FireRecorder(capacity, time);
            using var subscription = bus.Subscribe("bench.ping", (evt, _) =>
            {
                handled.Record(evt.Data!.Value.GetProperty("T").GetInt64());
                return Task.CompletedTask;
            });

            var start = Clock.Now;
            var windowStart = start + warmup;
            var windowEnd = windowStart + measure;
            handled.SetWindow(windowStart, windowEnd);
            acknowledged.SetWindow(windowStart, windowEnd);
            var loops = Enumerable.Range(0, publishers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var t = time.GetUtcNow().UtcTicks;
                    if (t >= windowEnd.UtcTicks)
                    {
                        return;
                    }
                    var draft = new EventDraft { Type = "bench.ping", Source = "bench", Data = JsonSerializer.SerializeToElement(new Ping(t)) };
                    await bus.PublishAsync(draft).ConfigureAwait(false);
                    acknowledged.Record(t);
                }
            })).ToArray();
            await Clock.UntilAsync(windowStart).ConfigureAwait(false);
            var cpuStart = ProcessSampler.CpuTime();
            var allocatedStart = GC.GetTotalAllocatedBytes();
            await Task.WhenAll(loops).ConfigureAwait(false);
            var cpu = ProcessSampler.CpuTime() - cpuStart;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedStart;
            await Clock.PollUntilAsync(() => handled.Count >= acknowledged.Count, Clock.Now + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            handled.Close();
            acknowledged.Close();

            LagStats.Add(result, handled, "handler_");
            LagStats.Add(result, acknowledged, "durable_");
            result.Set("publishers", publishers)
                .Set("events_per_s", handled.Count / measure.TotalSeconds)
                .Set("cpu_per_event_us", cpu.TotalMicroseconds / Math.Max(1, handled.Count))
                .Set("alloc_per_event_bytes", allocated / (double)Math.Max(1, handled.Count))
                .Set("events_per_commit", bus.Metrics.Published / (double)Math.Max(1, bus.Metrics.Commits));
            await bus.DisposeAsync().ConfigureAwait(false);
            await store.DisposeAsync().ConfigureAwait(false);
            result.Set("peak_working_set_mb", sampler.PeakWorkingSetBytes / 1048576.0)
                .Set("peak_gc_heap_mb", sampler.PeakGcHeapBytes / 1048576.0);
        }
        return result;
    }
}
