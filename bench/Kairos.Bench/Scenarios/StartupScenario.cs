using Kairos.Bench.Kairos;
using Kairos.Bench.Measurement;
using Kairos.Engine;

namespace Kairos.Bench.Scenarios;

/// <summary>
/// W3: a fresh process starts Kairos on a database of N stored jobs (a copy of the template, made by the parent
/// before launching) and the clock runs from the parent's launch to the first job body. The stored jobs are overdue,
/// as after any downtime, so the first fire is due the moment the schedule is loaded.
/// </summary>
public static class StartupScenario
{
    public static async Task<ChildResult> RunAsync(string dataDirectory, long launchedUtcTicks, int n)
    {
        var mainAt = Clock.Now;
        var result = new ChildResult();
        var recorder = new FireRecorder(1, Clock.Time);
        var host = await KairosHost.OpenAsync(dataDirectory, new EngineOptions(), [new RecordTask(recorder)]).ConfigureAwait(false);
        var openedAt = Clock.Now;
        await host.Engine.StartAsync().ConfigureAwait(false);
        var startedAt = Clock.Now;
        if (!await Clock.PollUntilAsync(() => recorder.FirstStartTicks != long.MaxValue, startedAt + TimeSpan.FromSeconds(60)).ConfigureAwait(false))
        {
            return ChildResult.Failed("no fire within 60 s of the engine start");
        }
        var launched = new DateTimeOffset(launchedUtcTicks, TimeSpan.Zero);
        result.Set("jobs", n)
            .Set("jobs_loaded", host.Engine.Jobs.Count)
            .Set("start_to_first_fire_ms", TimeSpan.FromTicks(recorder.FirstStartTicks - launchedUtcTicks).TotalMilliseconds)
            .Set("runtime_to_main_ms", (mainAt - launched).TotalMilliseconds)
            .Set("open_store_bus_tasks_ms", (openedAt - mainAt).TotalMilliseconds)
            .Set("engine_start_ms", (startedAt - openedAt).TotalMilliseconds)
            .Set("loaded_to_first_fire_ms", TimeSpan.FromTicks(recorder.FirstStartTicks - startedAt.UtcTicks).TotalMilliseconds)
            .Set("peak_working_set_mb", Environment.WorkingSet / 1048576.0);
        // The process ends here; the copy of the database is discarded, so the backlog is not waited for.
        return result;
    }
}
