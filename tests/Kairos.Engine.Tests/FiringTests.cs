using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests;

public sealed class FiringTests
{
    [Fact]
    public async Task Jobs_fire_in_order_of_their_fire_times()
    {
        await using var h = await EngineHarness.StartAsync();
        // Shanghai is UTC+8: the harness starts at 2026-06-01 08:00:00 local.
        await h.CreateJobAsync("""{"job_id":"third","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:03"}}""");
        await h.CreateJobAsync("""{"job_id":"first","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
        await h.CreateJobAsync("""{"job_id":"second","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:02"}}""");

        foreach (var expected in new[] { "first", "second", "third" })
        {
            h.Advance(TimeSpan.FromSeconds(1));
            await h.WaitForFinishedAsync(expected, 1);
        }
        var finished = h.FinishedRuns();
        Assert.Equal(["first", "second", "third"], finished.Select(r => r.JobId));
        Assert.All(finished, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Equal(EngineHarness.Start.AddSeconds(1), finished[0].ScheduledAt);
    }

    [Fact]
    public async Task Interval_job_fires_every_period_and_records_each_run()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"tick","task_id":"kairos.noop","schedule":{"type":"interval","seconds":1}}""");
        for (var i = 1; i <= 5; i++)
        {
            h.Advance(TimeSpan.FromSeconds(1));
            await h.WaitForFinishedAsync("tick", i);
        }
        var runs = h.FinishedRuns();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => EngineHarness.Start.AddSeconds(i)), runs.Select(r => r.ScheduledAt!.Value));
        var stored = await h.Store.Runs.QueryAsync(new RunQuery { JobId = "tick" });
        Assert.Equal(5, stored.Items.Count);
        Assert.All(stored.Items, r => Assert.Equal("test-node", r.Node));
    }

    [Fact]
    public async Task A_date_job_finishes_after_its_one_run_and_only_its_state_changes_in_the_store()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"once","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
        var created = (await h.Store.Jobs.GetAsync("once"))!;
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForFinishedAsync("once", 1);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        Storage.Jobs.JobRecord? stored;
        do
        {
            stored = await h.Store.Jobs.GetAsync("once");
            if (stored?.State == Storage.Jobs.JobState.Finished)
            {
                break;
            }
            await Task.Delay(10); // polling a durable state with a deadline, not waiting for time to pass
        }
        while (deadline.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(Storage.Jobs.JobState.Finished, stored!.State);
        Assert.Equal(created with { State = Storage.Jobs.JobState.Finished, UpdatedAt = stored.UpdatedAt, Version = created.Version + 1 }, stored);
    }

    [Fact]
    public async Task A_fire_while_max_instances_runs_are_running_is_recorded_as_skipped()
    {
        var gate = new GateTask();
        await using var h = await EngineHarness.StartAsync([gate]);
        await h.CreateJobAsync("""{"job_id":"busy","task_id":"test.gate","schedule":{"type":"interval","seconds":1},"max_instances":1}""");

        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(r => r.Any(x => x.JobId == "busy" && x.Status == RunStatus.Running), "first run started");
        h.Advance(TimeSpan.FromSeconds(1));
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Skipped), "skipped fire");

        var skipped = records.Single(x => x.Status == RunStatus.Skipped);
        Assert.Equal(EngineHarness.Start.AddSeconds(2), skipped.ScheduledAt);
        Assert.Contains("max_instances reached", skipped.Reason, StringComparison.Ordinal);

        gate.Release();
        await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Succeeded), "first run succeeded");
    }
}
