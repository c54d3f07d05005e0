using Kairos.Storage.Jobs;
using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public async Task Runs_left_running_by_a_dead_process_become_interrupted_and_are_retried()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"victim","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"retry":{"max_attempts":2,"backoff":0,"max_backoff":0}}""");
            // What a killed process leaves behind: a start that never got its end.
            await first.Store.Runs.WriteBatchAsync([new RunRecord
            {
                RunId = "dead-run",
                JobId = "victim",
                TaskId = "kairos.noop",
                Trigger = RunTrigger.Schedule,
                ScheduledAt = EngineHarness.Start,
                StartedAt = EngineHarness.Start,
                Status = RunStatus.Running,
                Node = "old-node",
            }]);
            await first.StopAsync();
        }
        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        var records = await second.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Succeeded), "the retry ran");
        var interrupted = await second.Store.Runs.GetAsync("dead-run");
        Assert.Equal(RunStatus.Interrupted, interrupted!.Status);
        Assert.Contains("old-node", interrupted.Reason, StringComparison.Ordinal);
        var retry = records.Last(x => x.Status == RunStatus.Succeeded);
        Assert.Equal(2, retry.Attempt);
        Assert.Equal("dead-run", retry.RetryOf);
        Assert.Equal(RunTrigger.Retry, retry.Trigger);
    }

    [Fact]
    public async Task A_one_off_job_whose_fire_was_recorded_before_a_stop_is_finished_at_the_next_start_and_not_fired_again()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        var runDate = EngineHarness.Start.AddMinutes(1);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync($$"""{"job_id":"once","task_id":"kairos.noop","schedule":{"type":"date","run_date":"{{runDate:yyyy-MM-ddTHH:mm:ssZ}}"},"misfire_grace_time":3600}""");
            // What a process stopped between committing the run and storing the job's finished state leaves behind.
            await first.Store.Runs.WriteBatchAsync([new RunRecord
            {
                RunId = "the-run",
                JobId = "once",
                TaskId = "kairos.noop",
                Trigger = RunTrigger.Schedule,
                ScheduledAt = runDate,
                StartedAt = runDate,
                FinishedAt = runDate,
                Status = RunStatus.Succeeded,
                Node = "old-node",
            }]);
            await first.StopAsync();
        }
        time.Advance(TimeSpan.FromMinutes(2));

        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);

        Assert.Equal(JobState.Finished, (await second.Store.Jobs.GetAsync("once"))!.State);
        Assert.True(second.Engine.Jobs.TryGet("once", out var live));
        Assert.Equal(JobState.Finished, live.Record.State);
        Assert.Null(live.NextFireTime);
        Assert.Equal(0, second.Engine.Loop.Fires);
    }
}
