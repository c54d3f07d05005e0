using System.Text.Json.Nodes;
using Kairos.Engine.Tests.Support;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests;

public sealed class RuntimeChangeTests
{
    [Fact]
    public async Task Changing_the_schedule_recomputes_the_next_fire_at_once()
    {
        await using var h = await EngineHarness.StartAsync();
        var job = await h.CreateJobAsync("""{"job_id":"changing","task_id":"kairos.noop","schedule":{"type":"interval","hours":1}}""");
        Assert.Equal(EngineHarness.Start.AddHours(1), job.NextFireTime);

        var patched = await h.Jobs.PatchAsync("changing", JsonNode.Parse("""{"schedule":{"type":"interval","seconds":5}}""")!.AsObject());
        Assert.Equal(EngineHarness.Start.AddSeconds(5), patched.Job!.NextFireTime);
        h.Advance(TimeSpan.FromSeconds(5));
        var records = await h.WaitForFinishedAsync("changing", 1);
        Assert.Equal(EngineHarness.Start.AddSeconds(5), records.Last().ScheduledAt);
        var stored = await h.Store.Jobs.GetAsync("changing");
        Assert.Contains("\"seconds\":5", stored!.ScheduleJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fires_while_paused_are_not_recorded_and_resume_counts_from_now()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"pausable","task_id":"kairos.noop","schedule":{"type":"interval","seconds":10}}""");
        await h.Jobs.PauseAsync("pausable");
        Assert.Equal(JobState.Paused, (await h.Store.Jobs.GetAsync("pausable"))!.State);
        h.Advance(TimeSpan.FromSeconds(35));
        var resumed = await h.Jobs.ResumeAsync("pausable");
        Assert.Equal(EngineHarness.Start.AddSeconds(40), resumed.Job!.NextFireTime);
        h.Advance(TimeSpan.FromSeconds(5));
        var records = await h.WaitForFinishedAsync("pausable", 1);
        Assert.Single(records, r => r.Status != RunStatus.Running);
        Assert.Equal(EngineHarness.Start.AddSeconds(40), records.Last().ScheduledAt);
    }

    [Fact]
    public async Task Removing_a_job_stops_its_fires_and_keeps_its_history()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"doomed","task_id":"kairos.noop","schedule":{"type":"interval","seconds":1}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForFinishedAsync("doomed", 1);
        Assert.True(await h.Jobs.DeleteAsync("doomed"));
        h.Advance(TimeSpan.FromSeconds(1));
        // A marker job proves the loop handled the instant at which "doomed" would have fired.
        await h.CreateJobAsync("""{"job_id":"marker","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:03"}}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForFinishedAsync("marker", 1);
        Assert.Single(h.FinishedRuns(), r => r.JobId == "doomed");
        Assert.Single((await h.Store.Runs.QueryAsync(new RunQuery { JobId = "doomed" })).Items);
    }

    [Fact]
    public async Task A_job_whose_task_is_missing_waits_and_resumes_when_the_task_arrives()
    {
        await using var h = await EngineHarness.StartAsync();
        var job = await h.CreateJobAsync("""{"job_id":"waiting","task_id":"later.task","schedule":{"type":"interval","seconds":1}}""", allowMissingTask: true);
        Assert.Equal(JobState.WaitingForPlugin, job.Record.State);
        Assert.Null(job.NextFireTime);

        var gate = new GateTask("later.task");
        gate.Release();
        await h.Catalog.RegisterAsync("later", "1.0.0", [gate], EmptyProvider.Instance);
        Assert.Equal(JobState.Scheduled, h.Jobs.Get("waiting")!.Record.State);
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForAsync(r => r.Any(x => x.JobId == "waiting"), "the job fires once its task exists");

        await h.Catalog.UnregisterAsync("later");
        Assert.Equal(JobState.WaitingForPlugin, (await h.Store.Jobs.GetAsync("waiting"))!.State);
    }

    private sealed class EmptyProvider : IServiceProvider
    {
        public static readonly EmptyProvider Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
