using Kairos.Storage.Runs;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>What every <see cref="IRunStore.QueryAsync"/> must do: order, paging and filters.</summary>
public abstract class RunHistoryQueryConformance : StoreConformanceBase
{
    /// <summary>Reads every page of a query and checks that each page but the last is full.</summary>
    private async Task<List<RunRecord>> ReadAllPagesAsync(RunQuery query)
    {
        var all = new List<RunRecord>();
        string? cursor = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await Store.Runs.QueryAsync(query with { Cursor = cursor });
            all.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return all;
            }
            Assert.Equal(query.Limit, page.Items.Count);
            cursor = page.NextCursor;
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    /// <summary>25 runs of three jobs, several sharing one millisecond, in a shuffled write order.</summary>
    private async Task<List<RunRecord>> WriteHistoryAsync()
    {
        var runs = new List<RunRecord>();
        for (var i = 0; i < 25; i++)
        {
            var at = Start.AddSeconds(i / 3); // three runs per instant: ties broken by run id
            var job = "job-" + (i % 3);
            var started = Started($"run-{i:D2}", job, at, taskId: i % 2 == 0 ? "even" : "odd");
            runs.Add(i % 4 == 0 ? Finished(started, RunStatus.Failed, at.AddSeconds(30)) : started);
        }
        var shuffled = runs.OrderBy(r => r.RunId.GetHashCode(StringComparison.Ordinal)).ToList();
        await Store.Runs.WriteBatchAsync(shuffled);
        return runs;
    }

    private static IEnumerable<string> NewestFirst(IEnumerable<RunRecord> runs) =>
        runs.OrderByDescending(r => r.StartedAt ?? r.ScheduledAt ?? r.FinishedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).Select(r => r.RunId);

    [Fact]
    public async Task Query_returns_newest_first_by_reference_time_then_run_id()
    {
        var runs = await WriteHistoryAsync();

        var page = await Store.Runs.QueryAsync(new RunQuery { Limit = 100 });

        RecordAssert.RunIds(NewestFirst(runs), page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Paging_with_the_cursor_visits_every_run_once_in_order()
    {
        var runs = await WriteHistoryAsync();

        var paged = await ReadAllPagesAsync(new RunQuery { Limit = 4 });

        RecordAssert.RunIds(NewestFirst(runs), paged);
    }

    [Fact]
    public async Task A_last_page_that_is_exactly_full_has_no_next_cursor()
    {
        await Store.Runs.WriteBatchAsync(Enumerable.Range(0, 10).Select(i => Started($"r{i}", "job", Start.AddSeconds(i))).ToList());

        var first = await Store.Runs.QueryAsync(new RunQuery { Limit = 5 });
        var second = await Store.Runs.QueryAsync(new RunQuery { Limit = 5, Cursor = first.NextCursor });

        Assert.NotNull(first.NextCursor);
        Assert.Equal(5, second.Items.Count);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Runs_written_between_pages_do_not_shift_the_next_page()
    {
        await Store.Runs.WriteBatchAsync(Enumerable.Range(0, 6).Select(i => Started($"r{i}", "job", Start.AddSeconds(i))).ToList());
        var first = await Store.Runs.QueryAsync(new RunQuery { Limit = 3 });

        await Store.Runs.WriteBatchAsync([Started("newest", "job", Start.AddHours(1))]);
        var second = await Store.Runs.QueryAsync(new RunQuery { Limit = 3, Cursor = first.NextCursor });

        RecordAssert.RunIds(["r5", "r4", "r3"], first.Items);
        RecordAssert.RunIds(["r2", "r1", "r0"], second.Items);
    }

    [Fact]
    public async Task Each_filter_applies_alone_and_with_paging()
    {
        var runs = await WriteHistoryAsync();
        var since = Start.AddSeconds(2);
        var until = Start.AddSeconds(6);

        RecordAssert.RunIds(NewestFirst(runs.Where(r => r.JobId == "job-1")), await ReadAllPagesAsync(new RunQuery { JobId = "job-1", Limit = 3 }));
        RecordAssert.RunIds(NewestFirst(runs.Where(r => r.TaskId == "odd")), await ReadAllPagesAsync(new RunQuery { TaskId = "odd", Limit = 3 }));
        RecordAssert.RunIds(NewestFirst(runs.Where(r => r.Status == RunStatus.Failed)), await ReadAllPagesAsync(new RunQuery { Status = RunStatus.Failed, Limit = 2 }));
        RecordAssert.RunIds(NewestFirst(runs.Where(r => r.StartedAt >= since)), await ReadAllPagesAsync(new RunQuery { Since = since, Limit = 5 }));
        RecordAssert.RunIds(NewestFirst(runs.Where(r => r.StartedAt < until)), await ReadAllPagesAsync(new RunQuery { Until = until, Limit = 5 }));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var runs = await WriteHistoryAsync();
        var query = new RunQuery
        {
            JobId = "job-0",
            TaskId = "even",
            Status = RunStatus.Running,
            Since = Start.AddSeconds(1),
            Until = Start.AddSeconds(7),
            Limit = 1,
        };

        var expected = runs.Where(r => r is { JobId: "job-0", TaskId: "even", Status: RunStatus.Running } &&
                                       r.StartedAt >= query.Since && r.StartedAt < query.Until).ToList();

        Assert.NotEmpty(expected);
        RecordAssert.RunIds(NewestFirst(expected), await ReadAllPagesAsync(query));
        Assert.Empty((await Store.Runs.QueryAsync(query with { JobId = "unknown" })).Items);
    }

    [Fact]
    public async Task The_reference_time_is_the_start_else_the_scheduled_time_else_the_end()
    {
        var started = Started("started", "job", Start.AddMinutes(2)) with { ScheduledAt = Start };
        var skipped = Skipped("skipped", "job", Start.AddMinutes(1));
        var endOnly = Started("end-only", null, Start) with { StartedAt = null, FinishedAt = Start.AddMinutes(3), Status = RunStatus.Cancelled };
        await Store.Runs.WriteBatchAsync([started, skipped, endOnly]);

        RecordAssert.RunIds(["end-only", "started", "skipped"], (await Store.Runs.QueryAsync(new RunQuery())).Items);
        RecordAssert.RunIds(["started", "skipped"], (await Store.Runs.QueryAsync(new RunQuery { Since = Start.AddMinutes(1), Until = Start.AddMinutes(3) })).Items);
    }

    [Fact]
    public async Task History_items_carry_no_logs_but_Get_does()
    {
        var run = Finished(Started("r", "job", Start), RunStatus.Succeeded, Start.AddSeconds(1));
        await Store.Runs.WriteBatchAsync([run]);

        var item = Assert.Single((await Store.Runs.QueryAsync(new RunQuery())).Items);

        RecordAssert.RunEqualWithoutLogs(run, item);
        RecordAssert.RunEqual(run, await Store.Runs.GetAsync("r"));
    }

    [Fact]
    public async Task Limit_is_clamped_between_1_and_1000()
    {
        await Store.Runs.WriteBatchAsync(Enumerable.Range(0, 1001).Select(i => Skipped($"r{i:D4}", "job", Start.AddSeconds(i))).ToList());

        var zero = await Store.Runs.QueryAsync(new RunQuery { Limit = 0 });
        var huge = await Store.Runs.QueryAsync(new RunQuery { Limit = 100_000 });

        Assert.Single(zero.Items);
        Assert.NotNull(zero.NextCursor);
        Assert.Equal(1000, huge.Items.Count);
        Assert.Equal("r1000", huge.Items[0].RunId);
        RecordAssert.RunIds(["r0000"], (await Store.Runs.QueryAsync(new RunQuery { Cursor = huge.NextCursor })).Items);
    }

    [Fact]
    public async Task An_invalid_cursor_is_an_argument_error()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Runs.QueryAsync(new RunQuery { Cursor = "not a cursor!" }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Runs.QueryAsync(new RunQuery { Cursor = "bm9wZQ" }));
    }
}
