using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests;

public sealed class ExecutionTests
{
    [Fact]
    public async Task A_run_over_its_timeout_is_cancelled_and_recorded_timed_out()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"slow","task_id":"kairos.sleep","config":{"seconds":100},"schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"timeout":5}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Running), "run started");
        h.Advance(TimeSpan.FromSeconds(5));
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.TimedOut), "timed out");
        var run = records.Last();
        Assert.Equal(RunStatus.TimedOut, run.Status);
        Assert.Contains("timed out after 5 s", run.Reason, StringComparison.Ordinal);
        Assert.Contains(run.Logs, l => l.Message.Contains("sleeping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_that_ignores_cancellation_is_abandoned_after_the_grace_period()
    {
        var stubborn = new StubbornTask();
        await using var h = await EngineHarness.StartAsync([stubborn]);
        await h.CreateJobAsync("""{"job_id":"stubborn","task_id":"test.stubborn","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"timeout":2}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Running), "run started");
        h.Advance(TimeSpan.FromSeconds(2)); // timeout: cancellation requested, the task ignores it
        h.Advance(TimeSpan.FromSeconds(5)); // the grace period ends
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.TimedOut), "abandoned run recorded");
        Assert.Contains("abandoned", records.Last().Reason, StringComparison.Ordinal);
        stubborn.Release();
    }

    [Fact]
    public async Task A_task_that_blocks_its_thread_does_not_hold_up_the_runs_queued_behind_it()
    {
        using var blocker = new ThreadBlockingTask();
        await using var h = await EngineHarness.StartAsync([blocker]);
        try
        {
            await h.CreateJobAsync("""{"job_id":"blocker","task_id":"test.block_thread","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
            await h.CreateJobAsync("""{"job_id":"behind","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:02"}}""");
            h.Advance(TimeSpan.FromSeconds(1));
            await blocker.Started.WaitAsync(TimeSpan.FromSeconds(30)); // the blocker now holds the thread that started it
            h.Advance(TimeSpan.FromSeconds(1));

            var records = await h.WaitForAsync(r => r.Any(x => x.JobId == "behind" && x.Status == RunStatus.Succeeded), "the run queued behind the blocked one");

            Assert.DoesNotContain(records, x => x.JobId == "blocker" && x.Status == RunStatus.Succeeded);
        }
        finally
        {
            blocker.Release();
        }
    }

    [Fact]
    public async Task Cancelling_a_running_run_records_it_cancelled()
    {
        var gate = new GateTask();
        await using var h = await EngineHarness.StartAsync([gate]);
        await h.CreateJobAsync("""{"job_id":"cancel_me","task_id":"test.gate","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        var started = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Running), "run started");
        Assert.True(h.Engine.Executor.TryCancel(started.Single().RunId));
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Cancelled), "cancelled");
        Assert.Equal("cancelled on request", records.Last().Reason);
        Assert.False(h.Engine.Executor.TryCancel("no-such-run"));
    }

    [Fact]
    public async Task An_exception_is_recorded_as_failed_with_type_message_and_logs()
    {
        await using var h = await EngineHarness.StartAsync([new ThrowingTask()]);
        await h.CreateJobAsync("""{"job_id":"thrower","task_id":"test.throw","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Failed), "failed");
        var run = records.Last();
        Assert.Equal("System.InvalidOperationException", run.Error!.Type);
        Assert.Equal("boom from the task", run.Error.Message);
        Assert.NotNull(run.Error.StackTrace);
        var stored = await h.Store.Runs.GetAsync(run.RunId);
        Assert.Contains(stored!.Logs, l => l.Message == "about to throw");
    }

    [Fact]
    public async Task A_failed_run_is_retried_with_backoff_as_new_runs_linked_to_the_first()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"flaky","task_id":"kairos.fail","config":{"message":"nope"},"schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"retry":{"max_attempts":3,"backoff":10,"max_backoff":15}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(r => r.Count(x => x.Status == RunStatus.Failed) == 1, "attempt 1");
        h.Advance(TimeSpan.FromSeconds(10)); // full jitter: the delay is at most backoff
        await h.WaitForAsync(r => r.Count(x => x.Status == RunStatus.Failed) == 2, "attempt 2");
        h.Advance(TimeSpan.FromSeconds(15)); // capped by max_backoff
        var records = await h.WaitForAsync(r => r.Count(x => x.Status == RunStatus.Failed) == 3, "attempt 3");

        var failed = records.Where(x => x.Status == RunStatus.Failed).ToList();
        Assert.Equal([1, 2, 3], failed.Select(x => x.Attempt));
        Assert.Equal([RunTrigger.Schedule, RunTrigger.Retry, RunTrigger.Retry], failed.Select(x => x.Trigger));
        Assert.Null(failed[0].RetryOf);
        Assert.All(failed.Skip(1), x => Assert.Equal(failed[0].RunId, x.RetryOf));
        // Each failure names the retry it planned (stored, so a restart still owes it); the last plans none.
        Assert.Equal(failed[1].RunId, failed[0].Retry!.RunId);
        Assert.Equal(failed[2].RunId, failed[1].Retry!.RunId);
        Assert.Null(failed[2].Retry);
        Assert.InRange(failed[0].Retry!.DueAt, failed[0].FinishedAt!.Value, failed[0].FinishedAt!.Value.AddSeconds(10));
        Assert.Equal(failed[0].Retry, (await h.Store.Runs.GetAsync(failed[0].RunId))!.Retry);
        Assert.Equal("nope", failed[0].Error!.Message);

        h.Advance(TimeSpan.FromMinutes(30)); // no fourth attempt
        Assert.Equal(3, (await h.Store.Runs.QueryAsync(new RunQuery { JobId = "flaky" })).Items.Count);
    }

    [Fact]
    public async Task A_manual_run_uses_the_job_config_overlaid_by_the_overrides()
    {
        var gate = new GateTask();
        await using var h = await EngineHarness.StartAsync([gate]);
        await h.CreateJobAsync("""{"job_id":"manual","task_id":"test.gate","config":{"a":1,"b":2},"schedule":{"type":"cron","hour":3}}""");
        await h.Jobs.PauseAsync("manual");
        var result = h.Jobs.Execute("manual", new System.Text.Json.Nodes.JsonObject { ["b"] = 20 });
        Assert.NotNull(result.RunId);
        await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Running), "manual run started");
        gate.Release();
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Succeeded), "manual run finished");
        var context = Assert.Single(gate.Contexts);
        Assert.Equal(1, context.GetConfig("a", 0));
        Assert.Equal(20, context.GetConfig("b", 0));
        Assert.Equal(RunTrigger.Manual, records.Last().Trigger);
        Assert.Equal(result.RunId, records.Last().RunId);
    }
}
