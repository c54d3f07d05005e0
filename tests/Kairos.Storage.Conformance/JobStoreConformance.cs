using Kairos.Storage.Jobs;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>What every <see cref="IJobStore"/> must do.</summary>
public abstract class JobStoreConformance : StoreConformanceBase
{
    [Fact]
    public async Task TryInsert_new_job_is_read_back_field_for_field_with_json_byte_for_byte()
    {
        var job = Job("fund_nav_daily_update", Start) with { Version = 7, FireFrom = Start.AddHours(1), UpdatedAt = Start.AddMinutes(5) };

        Assert.True(await Store.Jobs.TryInsertAsync(job));

        var stored = await Store.Jobs.GetAsync(job.JobId);
        Assert.Equal(job, stored);
        Assert.Equal(OddJson, stored!.ConfigJson);
    }

    [Fact]
    public async Task Instants_are_read_back_as_the_same_instant_in_utc()
    {
        var local = new DateTimeOffset(2025, 3, 1, 17, 30, 0, 123, TimeSpan.FromHours(8));
        await Store.Jobs.UpsertAsync(Job("a", local));

        var stored = await Store.Jobs.GetAsync("a");

        Assert.Equal(local, stored!.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [Fact]
    public async Task TryInsert_existing_id_returns_false_and_changes_nothing()
    {
        var original = Job("a", Start);
        await Store.Jobs.TryInsertAsync(original);

        Assert.False(await Store.Jobs.TryInsertAsync(original with { Name = "other", State = JobState.Paused }));

        Assert.Equal(original, await Store.Jobs.GetAsync("a"));
    }

    [Fact]
    public async Task Upsert_inserts_a_new_job_then_replaces_it()
    {
        var first = Job("a", Start);
        await Store.Jobs.UpsertAsync(first);
        Assert.Equal(first, await Store.Jobs.GetAsync("a"));

        var second = first with { Name = "renamed", ScheduleJson = "{\"type\":\"cron\",\"hour\":\"9\"}", Version = 2, UpdatedAt = Start.AddDays(1) };
        await Store.Jobs.UpsertAsync(second);

        Assert.Equal(second, await Store.Jobs.GetAsync("a"));
        Assert.Single(await Store.Jobs.ListAsync());
    }

    [Fact]
    public async Task Update_replaces_an_existing_job_and_returns_false_for_a_missing_one()
    {
        var job = Job("a", Start);
        await Store.Jobs.TryInsertAsync(job);
        var changed = job with { State = JobState.Paused, ConfigJson = "{\"x\":[]}", Version = 2 };

        Assert.True(await Store.Jobs.UpdateAsync(changed));
        Assert.False(await Store.Jobs.UpdateAsync(Job("missing", Start)));

        Assert.Equal(changed, await Store.Jobs.GetAsync("a"));
        Assert.Null(await Store.Jobs.GetAsync("missing"));
    }

    [Fact]
    public async Task UpdateStates_stores_states_times_and_versions_together_and_skips_missing_ones()
    {
        await Store.Jobs.TryInsertAsync(Job("a", Start));
        await Store.Jobs.TryInsertAsync(Job("b", Start));
        await Store.Jobs.TryInsertAsync(Job("c", Start));
        var a = Job("a", Start) with { State = JobState.Finished, Version = 2, UpdatedAt = Start.AddMinutes(1) };
        var b = Job("b", Start) with { State = JobState.Paused, FireFrom = Start.AddHours(1), Version = 3, UpdatedAt = Start.AddMinutes(2) };

        Assert.Equal(2, await Store.Jobs.UpdateStatesAsync([a, Job("missing", Start), b]));
        Assert.Equal(0, await Store.Jobs.UpdateStatesAsync([]));

        Assert.Equal(a, await Store.Jobs.GetAsync("a"));
        Assert.Equal(b, await Store.Jobs.GetAsync("b"));
        Assert.Equal(Job("c", Start), await Store.Jobs.GetAsync("c"));
        Assert.Null(await Store.Jobs.GetAsync("missing"));
    }

    [Fact]
    public async Task UpdateStates_leaves_every_other_member_as_stored()
    {
        var stored = Job("a", Start) with { Name = "stored name", ConfigJson = """{"k":1}""" };
        await Store.Jobs.TryInsertAsync(stored);
        var changed = Job("a", Start) with
        {
            Name = "other", TaskId = "other.task", ScheduleJson = """{"type":"date","run_date":"2030-01-01T00:00:00+08:00"}""",
            ConfigJson = "{}", OptionsJson = """{"max_instances":3}""", CreatedAt = Start.AddDays(1),
            State = JobState.Finished, FireFrom = Start.AddHours(2), UpdatedAt = Start.AddMinutes(5), Version = 7,
        };

        Assert.Equal(1, await Store.Jobs.UpdateStatesAsync([changed]));

        Assert.Equal(stored with { State = JobState.Finished, FireFrom = Start.AddHours(2), UpdatedAt = Start.AddMinutes(5), Version = 7 },
            await Store.Jobs.GetAsync("a"));
        Assert.Empty(await Store.Jobs.ListAsync(taskId: "other.task"));
    }

    [Fact]
    public async Task Get_unknown_job_returns_null()
    {
        Assert.Null(await Store.Jobs.GetAsync("nope"));
    }

    [Fact]
    public async Task List_orders_by_id_and_filters_by_task_and_state()
    {
        await Store.Jobs.UpsertAsync(Job("c", Start, "t1", JobState.Paused));
        await Store.Jobs.UpsertAsync(Job("a", Start, "t1"));
        await Store.Jobs.UpsertAsync(Job("b", Start, "t2"));
        await Store.Jobs.UpsertAsync(Job("B", Start, "t2", JobState.WaitingForPlugin));

        Assert.Equal(["B", "a", "b", "c"], (await Store.Jobs.ListAsync()).Select(j => j.JobId));
        Assert.Equal(["a", "c"], (await Store.Jobs.ListAsync(taskId: "t1")).Select(j => j.JobId));
        Assert.Equal(["a", "b"], (await Store.Jobs.ListAsync(state: JobState.Scheduled)).Select(j => j.JobId));
        Assert.Equal(["c"], (await Store.Jobs.ListAsync("t1", JobState.Paused)).Select(j => j.JobId));
        Assert.Empty(await Store.Jobs.ListAsync("t2", JobState.Paused));
        Assert.Empty(await Store.Jobs.ListAsync("unknown"));
    }

    [Fact]
    public async Task Read_all_streams_every_job_in_id_order_as_stored()
    {
        await Store.Jobs.UpsertAsync(Job("c", Start, "t1", JobState.Paused));
        await Store.Jobs.UpsertAsync(Job("a", Start, "t1"));
        await Store.Jobs.UpsertAsync(Job("B", Start, "t2", JobState.WaitingForPlugin) with { ConfigJson = """{"k":1}""" });

        var read = new List<JobRecord>();
        await foreach (var job in Store.Jobs.ReadAllAsync())
        {
            read.Add(job);
        }

        Assert.Equal(["B", "a", "c"], read.Select(j => j.JobId));
        Assert.Equal(await Store.Jobs.ListAsync(), read);
        Assert.Equal("""{"k":1}""", read[0].ConfigJson);
        Assert.Equal(JobState.Paused, read[2].State);
    }

    [Fact]
    public async Task Read_all_stops_when_cancelled_between_jobs()
    {
        await Store.Jobs.UpsertAsync(Job("a", Start));
        await Store.Jobs.UpsertAsync(Job("b", Start));
        using var cancel = new CancellationTokenSource();

        var seen = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var job in Store.Jobs.ReadAllAsync(cancel.Token))
            {
                seen.Add(job.JobId);
                await cancel.CancelAsync();
            }
        });
        Assert.Equal(["a"], seen);
    }

    [Fact]
    public async Task Delete_removes_the_job_keeps_its_runs_and_returns_false_when_missing()
    {
        await Store.Jobs.UpsertAsync(Job("a", Start));
        await Store.Runs.WriteBatchAsync([Started("r1", "a", Start)]);

        Assert.True(await Store.Jobs.DeleteAsync("a"));
        Assert.False(await Store.Jobs.DeleteAsync("a"));

        Assert.Null(await Store.Jobs.GetAsync("a"));
        Assert.NotNull(await Store.Runs.GetAsync("r1"));
    }

    [Fact]
    public async Task CountByState_reports_every_state_including_zero()
    {
        await Store.Jobs.UpsertAsync(Job("a", Start));
        await Store.Jobs.UpsertAsync(Job("b", Start));
        await Store.Jobs.UpsertAsync(Job("c", Start, state: JobState.Paused));
        await Store.Jobs.UpsertAsync(Job("d", Start, state: JobState.Finished));

        var counts = await Store.Jobs.CountByStateAsync();

        Assert.Equal(2, counts[JobState.Scheduled]);
        Assert.Equal(1, counts[JobState.Paused]);
        Assert.Equal(0, counts[JobState.WaitingForPlugin]);
        Assert.Equal(1, counts[JobState.Finished]);
    }

    [Fact]
    public async Task TryMarkSeeded_is_true_the_first_time_only_per_key()
    {
        Assert.True(await Store.Jobs.TryMarkSeededAsync("default:data_cleanup"));
        Assert.False(await Store.Jobs.TryMarkSeededAsync("default:data_cleanup"));
        Assert.True(await Store.Jobs.TryMarkSeededAsync("plugin:fund:nav"));
        Assert.False(await Store.Jobs.TryMarkSeededAsync("plugin:fund:nav"));
    }

    [Fact]
    public async Task A_seed_stays_marked_after_its_job_is_deleted()
    {
        await Store.Jobs.TryMarkSeededAsync("default:a");
        await Store.Jobs.UpsertAsync(Job("a", Start));
        await Store.Jobs.DeleteAsync("a");

        Assert.False(await Store.Jobs.TryMarkSeededAsync("default:a"));
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_id_let_exactly_one_win()
    {
        var attempts = Enumerable.Range(0, 16).Select(i => Store.Jobs.TryInsertAsync(Job("same", Start) with { Name = "writer " + i }));

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, inserted => inserted);
        Assert.Single(await Store.Jobs.ListAsync());
    }

    [Fact]
    public async Task A_cancelled_token_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Jobs.UpsertAsync(Job("a", Start), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Jobs.ListAsync(cancellationToken: cancelled.Token));
        Assert.Null(await Store.Jobs.GetAsync("a"));
    }
}
