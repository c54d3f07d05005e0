using Kairos.Engine.Tests.Support;
using Kairos.Storage.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Engine.Tests;

/// <summary>
/// The engine keeps no copy of a job's schedule text when its compiled schedule writes the same text (the job
/// service stores that canonical text): whatever it stores later for the job carries the schedule exactly as stored
/// before, and a text stored in another form (by hand, or by an older version) is kept byte for byte.
/// </summary>
public sealed class StoredScheduleTextTests
{
    [Fact]
    public async Task A_created_job_changed_after_a_restart_stores_its_schedule_text_unchanged()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        string created;
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            await first.CreateJobAsync("""{"job_id":"every","task_id":"kairos.noop","schedule":{"type":"interval","minutes":5,"jitter":2}}""");
            created = (await first.Store.Jobs.GetAsync("every"))!.ScheduleJson;
            Assert.True((await first.Jobs.PauseAsync("every")).Job is not null);
            Assert.Equal(created, (await first.Store.Jobs.GetAsync("every"))!.ScheduleJson);
            await first.StopAsync();
        }

        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        Assert.True((await second.Jobs.ResumeAsync("every")).Job is not null);

        var stored = (await second.Store.Jobs.GetAsync("every"))!;
        Assert.Equal(JobState.Scheduled, stored.State);
        Assert.Equal(created, stored.ScheduleJson);
        Assert.True(second.Engine.Jobs.TryGet("every", out var live));
        Assert.Equal(stored, live.Record);
    }

    [Fact]
    public async Task A_schedule_text_stored_in_another_form_is_kept_byte_for_byte()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kairos-engine-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(EngineHarness.Start);
        // Valid, but not as the job service writes it: UTC instead of the zone's offset, members in another order.
        const string byHand = """{"timezone":"Asia/Shanghai", "type":"interval","seconds":30,"start_date":"2026-06-01T00:00:00Z"}""";
        await using (var first = await EngineHarness.StartAsync(directory: directory, time: time))
        {
            Assert.True(await first.Store.Jobs.TryInsertAsync(new JobRecord
            {
                JobId = "by-hand",
                Name = "by-hand",
                TaskId = "kairos.noop",
                ScheduleJson = byHand,
                FireFrom = EngineHarness.Start,
                CreatedAt = EngineHarness.Start,
                UpdatedAt = EngineHarness.Start,
            }));
            await first.StopAsync();
        }

        await using var second = await EngineHarness.StartAsync(directory: directory, time: time);
        Assert.True(second.Engine.Jobs.TryGet("by-hand", out var loaded));
        Assert.Equal(byHand, loaded.Record.ScheduleJson);
        Assert.True((await second.Jobs.PauseAsync("by-hand")).Job is not null);

        Assert.Equal(byHand, (await second.Store.Jobs.GetAsync("by-hand"))!.ScheduleJson);
    }
}
