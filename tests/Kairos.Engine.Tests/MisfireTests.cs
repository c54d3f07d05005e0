using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

public sealed class MisfireTests
{
    [Fact]
    public async Task After_three_days_down_a_per_second_job_coalesces_into_one_run_and_one_missed_record()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"every_second","task_id":"kairos.noop","schedule":{"type":"interval","seconds":1}}""");
            first.Advance(TimeSpan.FromSeconds(1));
            await first.WaitForFinishedAsync("every_second", 1);
            await first.StopAsync();
        }

        // The process is down for three days.
        time.Advance(TimeSpan.FromDays(3));
        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        var records = await second.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Missed) && r.Any(x => x.Status == RunStatus.Succeeded), "missed + coalesced run");

        var missed = Assert.Single(records, x => x.Status == RunStatus.Missed);
        Assert.Equal(259_199, missed.Missed!.Count);
        Assert.False(missed.Missed.CountIsLowerBound);
        Assert.Equal(EngineHarness.Start.AddSeconds(2), missed.Missed.FirstScheduledAt);
        Assert.Equal(EngineHarness.Start.AddSeconds(259_200), missed.Missed.LastScheduledAt);
        var run = Assert.Single(records, x => x.Status == RunStatus.Succeeded);
        Assert.Equal(EngineHarness.Start.AddSeconds(259_201), run.ScheduledAt);

        var stored = await second.Store.Runs.QueryAsync(new RunQuery { JobId = "every_second", Limit = 1000 });
        Assert.Equal(3, stored.Items.Count); // the run before the downtime, the missed record, the coalesced run
    }

    [Fact]
    public async Task A_fire_later_than_its_grace_time_is_missed_not_run()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"strict","task_id":"kairos.noop","schedule":{"type":"date","run_date":"2026-06-01 08:00:10"},"misfire_grace_time":5}""");
            await first.StopAsync();
        }
        time.Advance(TimeSpan.FromSeconds(30));
        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        var records = await second.WaitForAsync(r => r.Any(x => x.Status == RunStatus.Missed), "missed date fire");
        var missed = Assert.Single(records);
        Assert.Equal(1, missed.Missed!.Count);
        Assert.Equal(EngineHarness.Start.AddSeconds(10), missed.ScheduledAt);
        Assert.Contains("misfire_grace_time", missed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_coalescing_each_overdue_fire_within_grace_runs_and_older_ones_are_missed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"each","task_id":"kairos.noop","schedule":{"type":"interval","minutes":1},"coalesce":false,"misfire_grace_time":150,"max_instances":10}""");
            await first.StopAsync();
        }
        // Fires at +1..+10 min are overdue at +10 min; those within 150 s (+8, +9, +10 min) run.
        time.Advance(TimeSpan.FromMinutes(10));
        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        var records = await second.WaitForAsync(r => r.Count(x => x.Status == RunStatus.Succeeded) == 3 && r.Any(x => x.Status == RunStatus.Missed), "3 runs + missed");
        var missed = Assert.Single(records, x => x.Status == RunStatus.Missed);
        Assert.Equal(7, missed.Missed!.Count);
        Assert.Equal(
            new[] { 8, 9, 10 }.Select(m => EngineHarness.Start.AddMinutes(m)),
            records.Where(x => x.Status == RunStatus.Succeeded).Select(x => x.ScheduledAt!.Value).Order());
    }
}
