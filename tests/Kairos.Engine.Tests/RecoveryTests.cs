using System.Collections.Concurrent;
using System.Text.Json;
using Kairos.Events;
using Kairos.Sdk.Events;
using Kairos.Sdk.Tasks;
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
        // Planned on the interrupted record like any retry, so a stop before it ran would still owe it.
        Assert.Equal(retry.RunId, interrupted.Retry!.RunId);
        Assert.Empty(await second.Store.Runs.ListPendingRetriesAsync());
    }

    [Fact]
    public async Task A_retry_still_waiting_for_its_backoff_at_a_stop_runs_after_the_next_start_under_its_planned_id()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        RunRecord failed;
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"flaky","task_id":"kairos.fail","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"retry":{"max_attempts":2,"backoff":3600,"max_backoff":3600}}""");
            time.Advance(TimeSpan.FromSeconds(1));
            var records = await first.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Failed), "attempt 1");
            failed = records.Single(x => x.Status == RunStatus.Failed);
            Assert.NotNull(failed.Retry);
            await first.StopAsync(); // before the retry is due: the process owes it
        }
        try
        {
            await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
            Assert.Null(await second.Store.Runs.GetAsync(failed.Retry.RunId));

            time.Advance(failed.Retry.DueAt - time.GetUtcNow() + TimeSpan.FromSeconds(1));
            var records = await second.WaitForAsync(r => r.Any(x => x.RunId == failed.Retry.RunId && x.Status != RunStatus.Running), "the owed retry");

            var retry = records.Last(x => x.RunId == failed.Retry.RunId);
            Assert.Equal(RunStatus.Failed, retry.Status);
            Assert.Equal(RunTrigger.Retry, retry.Trigger);
            Assert.Equal(2, retry.Attempt);
            Assert.Equal(failed.RunId, retry.RetryOf);
            Assert.Null(retry.Retry); // the last attempt
            Assert.Empty(await second.Store.Runs.ListPendingRetriesAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_retry_owed_to_a_job_removed_while_stopped_is_recorded_as_skipped_at_the_next_start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            // A failure of a job deleted since, whose retry was still waiting when the process stopped.
            await first.Store.Runs.WriteBatchAsync([new RunRecord
            {
                RunId = "failed-run",
                JobId = "gone",
                TaskId = "kairos.fail",
                Trigger = RunTrigger.Schedule,
                ScheduledAt = EngineHarness.Start,
                StartedAt = EngineHarness.Start,
                FinishedAt = EngineHarness.Start,
                Status = RunStatus.Failed,
                Node = "old-node",
                Retry = new PlannedRetry("owed-retry", EngineHarness.Start.AddMinutes(1)),
            }]);
            await first.StopAsync();
        }
        try
        {
            await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
            var records = await second.WaitForAsync(r => r.Any(x => x.RunId == "owed-retry"), "the owed retry's record");

            var skipped = records.Single(x => x.RunId == "owed-retry");
            Assert.Equal(RunStatus.Skipped, skipped.Status);
            Assert.Equal(2, skipped.Attempt);
            Assert.Equal("failed-run", skipped.RetryOf);
            Assert.Contains("removed", skipped.Reason, StringComparison.Ordinal);
            Assert.Empty(await second.Store.Runs.ListPendingRetriesAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_retry_whose_job_was_paused_meanwhile_is_recorded_as_skipped_when_due()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"flaky","task_id":"kairos.fail","schedule":{"type":"cron","hour":8,"second":1},"retry":{"max_attempts":2,"backoff":10,"max_backoff":10}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        var failed = (await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Failed), "attempt 1")).Single(x => x.Status == RunStatus.Failed);
        await h.Jobs.PauseAsync("flaky");

        h.Advance(TimeSpan.FromSeconds(10));
        var records = await h.WaitForAsync(r => r.Any(x => x.RunId == failed.Retry!.RunId), "the dropped retry's record");

        var skipped = records.Single(x => x.RunId == failed.Retry!.RunId);
        Assert.Equal(RunStatus.Skipped, skipped.Status);
        Assert.Equal(failed.RunId, skipped.RetryOf);
        Assert.Empty(await h.Store.Runs.ListPendingRetriesAsync());
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

    [Fact]
    public async Task A_retry_of_an_event_run_owed_across_a_restart_runs_with_the_event_that_triggered_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        RunRecord failed;
        KairosEvent published;
        await using (var first = await EngineHarness.StartAsync([new EventFailTask()], directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"on_nav","task_id":"test.event-fail","schedule":{"type":"event","event_type":"fund.nav.updated"},"retry":{"max_attempts":2,"backoff":3600,"max_backoff":3600}}""");
            published = await first.Bus.PublishAsync(new EventDraft { Type = "fund.nav.updated", Source = "fund", Subject = "000001", Data = JsonSerializer.SerializeToElement(new { fund_code = "000001", nav = 1.2345m }) });
            var records = await first.WaitForAsync(r => r.Any(x => x.JobId == "on_nav" && x.Status == RunStatus.Failed), "attempt 1");
            failed = records.Single(x => x.JobId == "on_nav" && x.Status == RunStatus.Failed);
            Assert.NotNull(failed.Retry);
            await first.StopAsync(); // before the retry is due: the process owes it
        }
        try
        {
            var task = new EventFailTask();
            await using var second = await EngineHarness.StartAsync([task], directory: directory, time: time);
            time.Advance(failed.Retry.DueAt - time.GetUtcNow() + TimeSpan.FromSeconds(1));
            var records = await second.WaitForAsync(r => r.Any(x => x.RunId == failed.Retry.RunId && x.Status != RunStatus.Running), "the owed retry");

            var retry = records.Last(x => x.RunId == failed.Retry.RunId);
            Assert.Equal(RunTrigger.Retry, retry.Trigger);
            Assert.Equal(published.Id, retry.TriggerEventId);
            var seen = Assert.Single(task.Events);
            Assert.Equal(published.Id, seen!.Id);
            Assert.Equal("000001", seen.Subject);
            Assert.Equal(1.2345m, seen.Data!.Value.GetProperty("nav").GetDecimal());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_retry_of_an_interrupted_event_run_runs_with_the_event_that_triggered_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        KairosEvent published;
        await using (var first = await EngineHarness.StartAsync([new EventFailTask()], directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"on_nav","task_id":"test.event-fail","schedule":{"type":"event","event_type":"other.type"},"retry":{"max_attempts":2,"backoff":0,"max_backoff":0}}""");
            published = await first.Bus.PublishAsync(new EventDraft { Type = "fund.nav.updated", Source = "fund", Subject = "000002" });
            // What a killed process leaves behind: the event run's start, never its end.
            await first.Store.Runs.WriteBatchAsync([new RunRecord
            {
                RunId = "dead-event-run",
                JobId = "on_nav",
                TaskId = "test.event-fail",
                Trigger = RunTrigger.Event,
                ScheduledAt = EngineHarness.Start,
                StartedAt = EngineHarness.Start,
                Status = RunStatus.Running,
                Node = "old-node",
                TriggerEventId = published.Id,
            }]);
            await first.StopAsync();
        }
        try
        {
            var task = new EventFailTask();
            await using var second = await EngineHarness.StartAsync([task], directory: directory, time: time);
            var records = await second.WaitForAsync(r => r.Any(x => x.RetryOf == "dead-event-run" && x.Status != RunStatus.Running), "the retry");

            Assert.Equal(published.Id, records.Last(x => x.RetryOf == "dead-event-run").TriggerEventId);
            var seen = Assert.Single(task.Events);
            Assert.Equal(published.Id, seen!.Id);
            Assert.Equal("000002", seen.Subject);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Fails every time, keeping the trigger event each attempt saw.</summary>
    private sealed class EventFailTask : IScheduledTask
    {
        public string TaskId => "test.event-fail";
        public string Name => "Event fail";
        public string Description => "Fails, keeping the event it saw.";
        public ConcurrentQueue<KairosEvent?> Events { get; } = new();

        public Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
        {
            Events.Enqueue(context.TriggerEvent);
            return Task.FromResult(TaskResult.Failure("always"));
        }
    }
}
