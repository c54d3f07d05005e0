using Kairos.Engine.Jobs;
using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

public sealed class ConditionTests
{
    [Fact]
    public async Task A_true_condition_runs_and_a_false_one_is_recorded_as_skipped_with_the_expression()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"yes","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"condition":"hour == 8 and weekday == 0"}""");
        await h.CreateJobAsync("""{"job_id":"no","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"condition":"hour >= 9"}""");
        h.Advance(TimeSpan.FromSeconds(1));
        var records = await h.WaitForAsync(r => r.Count(x => x.Status != RunStatus.Running) == 2, "two outcomes");
        Assert.Equal(RunStatus.Succeeded, records.Last(x => x.JobId == "yes").Status);
        var skipped = records.Single(x => x.JobId == "no");
        Assert.Equal(RunStatus.Skipped, skipped.Status);
        Assert.Equal("condition false: hour >= 9", skipped.Reason);
    }

    [Fact]
    public async Task A_skipped_fire_becomes_the_jobs_last_run()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"no","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"},"condition":"hour >= 9"}""");
        h.Advance(TimeSpan.FromSeconds(1));
        var skipped = (await h.WaitForAsync(r => r.Any(x => x.JobId == "no"), "the skip")).Single(x => x.JobId == "no");

        // The summary is updated before the commit is announced, so it holds the skip by now.
        Assert.True(h.Engine.Jobs.TryGet("no", out var job));
        var last = job.LastRun.Get();
        Assert.NotNull(last);
        Assert.Equal(skipped.RunId, last.Value.RunId);
        Assert.Equal(RunStatus.Skipped, last.Value.Status);
    }

    [Fact]
    public async Task A_condition_that_does_not_parse_is_rejected_when_the_job_is_created()
    {
        await using var h = await EngineHarness.StartAsync();
        var ex = await Assert.ThrowsAsync<JobValidationException>(() =>
            h.CreateJobAsync("""{"job_id":"bad","task_id":"kairos.noop","schedule":{"type":"cron","hour":3},"condition":"hour >= (9"}"""));
        Assert.True(ex.Errors.ContainsKey("condition"));
        Assert.Null(await h.Store.Jobs.GetAsync("bad"));
    }

    [Fact]
    public async Task Is_trading_day_is_false_on_a_Chinese_holiday()
    {
        // 2026-10-01 is National Day: the Shanghai and Shenzhen exchanges are closed.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(time: time);
        await h.CreateJobAsync("""{"job_id":"trading","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-10-01 09:30:00"},"condition":"is_trading_day('CN') and hour >= 9"}""");
        h.Advance(TimeSpan.FromMinutes(30));
        var records = await h.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Skipped), "skipped on holiday");
        Assert.Equal("condition false: is_trading_day('CN') and hour >= 9", records.Single().Reason);
    }

    [Fact]
    public async Task Last_status_reads_the_run_store()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.CreateJobAsync("""{"job_id":"fund_nav_daily_update","task_id":"kairos.fail","schedule":{"type":"date","run_date":"2026-06-01 08:00:01"}}""");
        await h.CreateJobAsync("""{"job_id":"after","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:02"},"condition":"last_status('fund_nav_daily_update') == 'succeeded'"}""");
        h.Advance(TimeSpan.FromSeconds(1));
        await h.WaitForFinishedAsync("fund_nav_daily_update", 1);
        h.Advance(TimeSpan.FromSeconds(1));
        var records = await h.WaitForFinishedAsync("after", 1);
        Assert.Equal(RunStatus.Skipped, records.Last(x => x.JobId == "after").Status);
    }
}
