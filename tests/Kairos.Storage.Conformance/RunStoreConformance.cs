using Kairos.Storage.Runs;
using static Kairos.Storage.Conformance.StoreSamples;

namespace Kairos.Storage.Conformance;

/// <summary>What every <see cref="IRunStore"/> must do when writing runs and answering the engine's questions.</summary>
public abstract class RunStoreConformance : StoreConformanceBase
{
    [Fact]
    public async Task WriteBatch_then_Get_round_trips_every_field()
    {
        var full = new RunRecord
        {
            RunId = "run-1",
            JobId = "job",
            TaskId = "fund.nav_update",
            Trigger = RunTrigger.Retry,
            ScheduledAt = Start,
            StartedAt = Start.AddMilliseconds(15),
            FinishedAt = Start.AddSeconds(2),
            DurationMs = 1985,
            Attempt = 2,
            RetryOf = "run-0",
            Status = RunStatus.Failed,
            Reason = "interrupted by shutdown",
            ResultJson = OddJson,
            Error = new RunError("System.TimeoutException", "took too long: ünï", "at X.Y()\n at Z()"),
            Missed = new MissedFires(MissedFires.ExactLimit, true, Start.AddDays(-3), Start.AddSeconds(-1)),
            Logs = [new RunLogLine(Start.AddMilliseconds(20), "info", "line \"one\"\n"), new RunLogLine(Start.AddSeconds(1), "error", "✗")],
            Truncation = "logs: 1000 lines",
            Node = "node-7",
            TriggerEventId = "evt-9",
            ConfigJson = "{\"fund\": \"000001\"}",
            Retry = new PlannedRetry("run-1b", Start.AddSeconds(32)),
        };
        var minimal = Started("run-2", null, Start) with { ConfigJson = null, Reason = "", Error = new RunError("E", "", null) };

        await Store.Runs.WriteBatchAsync([full, minimal]);

        RecordAssert.RunEqual(full, await Store.Runs.GetAsync("run-1"));
        RecordAssert.RunEqual(minimal, await Store.Runs.GetAsync("run-2"));
        Assert.Null(await Store.Runs.GetAsync("missing"));
    }

    [Fact]
    public async Task Text_round_trips_whatever_its_length_and_alphabet()
    {
        // Ids and names of every shape a store may encode differently: short ASCII, ASCII past any short-text fast
        // path, non-ASCII, and text with a NUL inside.
        var runs = new[] { "a", new string('x', 127) + "y", new string('z', 129), "作业-1", "nul\0inside" }
            .Select((id, i) => Started("text-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), id, Start) with { Node = id, Reason = id })
            .ToArray();

        await Store.Runs.WriteBatchAsync(runs);

        foreach (var run in runs)
        {
            RecordAssert.RunEqual(run, await Store.Runs.GetAsync(run.RunId));
        }
    }

    [Fact]
    public async Task A_runs_end_in_a_later_batch_replaces_its_start()
    {
        var start = Started("r", "job", Start);
        await Store.Runs.WriteBatchAsync([start]);
        Assert.Equal(RunStatus.Running, (await Store.Runs.GetAsync("r"))!.Status);

        var end = Finished(start, RunStatus.Succeeded, Start.AddSeconds(3));
        await Store.Runs.WriteBatchAsync([end]);

        RecordAssert.RunEqual(end, await Store.Runs.GetAsync("r"));
        Assert.Empty(await Store.Runs.ListRunningAsync());
    }

    [Fact]
    public async Task Within_one_batch_the_later_record_of_a_run_wins()
    {
        var start = Started("r", "job", Start);
        var end = Finished(start, RunStatus.Failed, Start.AddSeconds(1));

        await Store.Runs.WriteBatchAsync([start, Started("other", "job", Start.AddSeconds(1)), end]);

        RecordAssert.RunEqual(end, await Store.Runs.GetAsync("r"));
    }

    [Fact]
    public async Task A_later_record_replaces_every_column_even_the_job_and_times()
    {
        var first = Started("r", "job-a", Start, taskId: "task-a");
        await Store.Runs.WriteBatchAsync([first]);
        var second = Finished(first, RunStatus.Cancelled, Start.AddSeconds(5)) with
        {
            JobId = "job-b",
            TaskId = "task-b",
            Trigger = RunTrigger.Manual,
            ScheduledAt = null,
            StartedAt = Start.AddSeconds(1),
        };

        await Store.Runs.WriteBatchAsync([second]);

        RecordAssert.RunEqual(second, await Store.Runs.GetAsync("r"));
        RecordAssert.RunIds(["r"], (await Store.Runs.QueryAsync(new RunQuery { JobId = "job-b" })).Items);
        Assert.Empty((await Store.Runs.QueryAsync(new RunQuery { JobId = "job-a" })).Items);
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing()
    {
        await Store.Runs.WriteBatchAsync([]);

        Assert.Empty((await Store.Runs.QueryAsync(new RunQuery())).Items);
    }

    [Fact]
    public async Task A_batch_with_a_run_that_has_no_time_at_all_is_rejected_whole()
    {
        var timeless = Started("bad", "job", Start) with { ScheduledAt = null, StartedAt = null, FinishedAt = null };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Runs.WriteBatchAsync([Started("good", "job", Start), timeless]));

        Assert.Null(await Store.Runs.GetAsync("good"));
        Assert.Null(await Store.Runs.GetAsync("bad"));
        // The failed batch's transaction is over: the next batch is written on its own.
        await Store.Runs.WriteBatchAsync([Started("next", "job", Start)]);
        Assert.NotNull(await Store.Runs.GetAsync("next"));
    }

    [Fact]
    public async Task A_planned_retry_is_pending_until_a_run_with_its_id_is_recorded()
    {
        var failedLate = Finished(Started("late", "job-a", Start), RunStatus.Failed, Start.AddSeconds(1)) with { Retry = new PlannedRetry("late-2", Start.AddMinutes(5)) };
        var failedSoon = Finished(Started("soon", "job-b", Start), RunStatus.TimedOut, Start.AddSeconds(2)) with { Retry = new PlannedRetry("soon-2", Start.AddMinutes(1)) };
        var lastAttempt = Finished(Started("final", "job-c", Start), RunStatus.Failed, Start.AddSeconds(3));
        await Store.Runs.WriteBatchAsync([failedLate, failedSoon, lastAttempt]);

        var pending = await Store.Runs.ListPendingRetriesAsync();

        // Oldest due first, each with the retry it planned; a run that planned none is not listed.
        RecordAssert.RunIds(["soon", "late"], pending);
        Assert.Equal(new PlannedRetry("soon-2", Start.AddMinutes(1)), pending[0].Retry);
        RecordAssert.RunEqualWithoutLogs(failedSoon, pending[0]);

        // The retry's own record, whatever its status, settles it.
        await Store.Runs.WriteBatchAsync([Started("soon-2", "job-b", Start.AddMinutes(1)) with { Trigger = RunTrigger.Retry, Attempt = 2, RetryOf = "soon" }]);
        RecordAssert.RunIds(["late"], await Store.Runs.ListPendingRetriesAsync());
        await Store.Runs.WriteBatchAsync([Skipped("late-2", "job-a", Start) with { Trigger = RunTrigger.Retry, Attempt = 2, RetryOf = "late" }]);
        Assert.Empty(await Store.Runs.ListPendingRetriesAsync());
    }

    [Fact]
    public async Task A_planned_retry_whose_record_ages_out_is_settled_not_owed_again()
    {
        // A retry skipped (its job paused) has no start, so it sorts before the failure that planned it, and keeping
        // the newest run per job deletes it first.
        var failed = Finished(Started("failed", "job", Start.AddMinutes(1)), RunStatus.Failed, Start.AddMinutes(2)) with { Retry = new PlannedRetry("retry", Start.AddMinutes(3)) };
        var skipped = Skipped("retry", "job", Start, "the job was paused or removed before this retry was due") with { Trigger = RunTrigger.Retry, Attempt = 2, RetryOf = "failed" };
        await Store.Runs.WriteBatchAsync([failed, skipped]);
        Assert.Empty(await Store.Runs.ListPendingRetriesAsync());

        Assert.Equal(1, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 1, batchSize: 100));

        Assert.Null(await Store.Runs.GetAsync("retry"));
        Assert.NotNull(await Store.Runs.GetAsync("failed"));
        Assert.Empty(await Store.Runs.ListPendingRetriesAsync());
    }

    [Fact]
    public async Task ListRunning_returns_only_runs_still_running_with_their_logs()
    {
        var withLogs = Started("r1", "a", Start) with { Logs = [new RunLogLine(Start, "info", "working")] };
        var done = Started("r2", "a", Start.AddSeconds(1));
        await Store.Runs.WriteBatchAsync([withLogs, done, Started("r3", null, Start.AddSeconds(2)), Skipped("s", "a", Start)]);
        await Store.Runs.WriteBatchAsync([Finished(done, RunStatus.Succeeded, Start.AddSeconds(2))]);

        var running = await Store.Runs.ListRunningAsync();

        Assert.Equal(["r1", "r3"], running.Select(r => r.RunId).Order(StringComparer.Ordinal));
        RecordAssert.RunEqual(withLogs, running.Single(r => r.RunId == "r1"));
    }

    [Fact]
    public async Task GetLastStatus_is_the_latest_finished_run_ignoring_running_skipped_and_missed()
    {
        var failed = Started("r1", "job", Start);
        var succeeded = Started("r2", "job", Start.AddMinutes(1));
        await Store.Runs.WriteBatchAsync([
            Finished(failed, RunStatus.Failed, Start.AddSeconds(5)),
            Finished(succeeded, RunStatus.Succeeded, Start.AddMinutes(1).AddSeconds(5)),
            Started("r3", "job", Start.AddMinutes(2)),
            Skipped("r4", "job", Start.AddMinutes(3)),
            Missed("r5", "job", Start.AddMinutes(4), Start.AddMinutes(6), 3),
            Finished(Started("other", "other-job", Start.AddMinutes(9)), RunStatus.TimedOut, Start.AddMinutes(10)),
        ]);

        Assert.Equal(RunStatus.Succeeded, await Store.Runs.GetLastStatusAsync("job"));
        Assert.Equal(RunStatus.TimedOut, await Store.Runs.GetLastStatusAsync("other-job"));
        Assert.Null(await Store.Runs.GetLastStatusAsync("unknown"));
    }

    [Fact]
    public async Task GetLastStatus_is_null_while_a_job_has_only_unfinished_runs()
    {
        await Store.Runs.WriteBatchAsync([Started("r1", "job", Start), Skipped("r2", "job", Start.AddMinutes(1))]);

        Assert.Null(await Store.Runs.GetLastStatusAsync("job"));
    }

    [Theory]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.TimedOut)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Interrupted)]
    public async Task GetLastStatus_reports_every_terminal_status(RunStatus status)
    {
        var older = Started("r1", "job", Start);
        var newer = Started("r2", "job", Start.AddMinutes(1));
        await Store.Runs.WriteBatchAsync([Finished(older, RunStatus.Succeeded, Start.AddSeconds(1)), Finished(newer, status, Start.AddMinutes(2))]);

        Assert.Equal(status, await Store.Runs.GetLastStatusAsync("job"));
    }

    [Fact]
    public async Task GetLastScheduledAt_counts_skipped_and_missed_fires_but_not_manual_runs()
    {
        await Store.Runs.WriteBatchAsync([
            Started("r1", "job", Start),
            Skipped("r2", "job", Start.AddMinutes(1)),
            Missed("r3", "job", Start.AddMinutes(2), Start.AddMinutes(9), 8),
            Started("manual", "job", Start.AddHours(1)) with { Trigger = RunTrigger.Manual },
            Started("retry", "job", Start.AddHours(2)) with { Trigger = RunTrigger.Retry, RetryOf = "r1" },
        ]);

        Assert.Equal(Start.AddMinutes(9), await Store.Runs.GetLastScheduledAtAsync("job"));
        Assert.Null(await Store.Runs.GetLastScheduledAtAsync("unknown"));
    }

    [Fact]
    public async Task GetLastScheduledAt_never_moves_backwards_and_survives_the_deletion_of_the_runs()
    {
        await Store.Runs.WriteBatchAsync([Skipped("late", "job", Start.AddHours(1))]);
        await Store.Runs.WriteBatchAsync([Skipped("early", "job", Start)]);
        Assert.Equal(Start.AddHours(1), await Store.Runs.GetLastScheduledAtAsync("job"));

        // Retention may remove every run of a job; a restart must still know where its schedule stood.
        Assert.Equal(2, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 10));

        Assert.Equal(Start.AddHours(1), await Store.Runs.GetLastScheduledAtAsync("job"));
        Assert.Equal(Start.AddHours(1), (await Store.Runs.GetLastScheduledAtByJobAsync())["job"]);
    }

    [Fact]
    public async Task GetLastScheduledAtByJob_answers_for_every_job_with_scheduled_fires()
    {
        await Store.Runs.WriteBatchAsync([
            Started("a1", "a", Start),
            Started("a2", "a", Start.AddMinutes(5)),
            Skipped("b1", "b", Start.AddMinutes(7)),
            Missed("c1", "c", Start.AddMinutes(1), Start.AddMinutes(3), 3),
            Started("adhoc", null, Start.AddHours(1)),
            Started("manual", "d", Start.AddHours(1)) with { Trigger = RunTrigger.Manual },
        ]);

        var last = await Store.Runs.GetLastScheduledAtByJobAsync();

        Assert.Equal(3, last.Count);
        Assert.Equal(Start.AddMinutes(5), last["a"]);
        Assert.Equal(Start.AddMinutes(7), last["b"]);
        Assert.Equal(Start.AddMinutes(3), last["c"]);
    }

    [Fact]
    public async Task CountByStatusSince_counts_runs_whose_reference_time_is_at_or_after_since()
    {
        var old = Started("old", "job", Start.AddHours(-2));
        var atSince = Started("at", "job", Start);
        var later = Started("later", "job", Start.AddMinutes(1));
        await Store.Runs.WriteBatchAsync([
            Finished(old, RunStatus.Succeeded, Start.AddMinutes(30)),
            Finished(atSince, RunStatus.Succeeded, Start.AddSeconds(1)),
            Finished(later, RunStatus.Failed, Start.AddMinutes(2)),
            Started("running", "job", Start.AddMinutes(3)),
            Skipped("skipped", "job", Start.AddMinutes(4)),
            Skipped("skipped-old", "job", Start.AddMinutes(-1)),
        ]);

        var counts = await Store.Runs.CountByStatusSinceAsync(Start);

        Assert.Equal(1, counts[RunStatus.Succeeded]);
        Assert.Equal(1, counts[RunStatus.Failed]);
        Assert.Equal(1, counts[RunStatus.Running]);
        Assert.Equal(1, counts[RunStatus.Skipped]);
        Assert.Equal(0, counts[RunStatus.Missed]);
        Assert.Equal(Enum.GetValues<RunStatus>().Length, counts.Count);
    }

    [Fact]
    public async Task DeleteOld_keeps_the_newest_runs_of_each_job_and_every_running_run()
    {
        var runs = new List<RunRecord>();
        for (var i = 0; i < 6; i++)
        {
            runs.Add(Finished(Started($"a{i}", "a", Start.AddMinutes(i)), RunStatus.Succeeded, Start.AddMinutes(i).AddSeconds(1)));
            runs.Add(Skipped($"b{i}", "b", Start.AddMinutes(i)));
        }
        runs.Add(Started("a-running", "a", Start.AddMinutes(-10)));
        runs.Add(Finished(Started("adhoc0", null, Start), RunStatus.Succeeded, Start.AddSeconds(1)));
        runs.Add(Finished(Started("adhoc1", null, Start.AddMinutes(1)), RunStatus.Succeeded, Start.AddMinutes(1).AddSeconds(1)));
        runs.Add(Finished(Started("recent", "c", Start.AddDays(2)), RunStatus.Succeeded, Start.AddDays(2)));
        await Store.Runs.WriteBatchAsync(runs);

        var deleted = await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 2, batchSize: 100);

        // a: a0-a3 go, the newest two (a5, a4) and the running run stay; b: b0-b3 go; ad hoc runs form one group of two.
        Assert.Equal(4 + 4, deleted);
        var left = (await Store.Runs.QueryAsync(new RunQuery { Limit = 100 })).Items.Select(r => r.RunId).Order(StringComparer.Ordinal);
        Assert.Equal(["a-running", "a4", "a5", "adhoc0", "adhoc1", "b4", "b5", "recent"], left);
    }

    [Fact]
    public async Task DeleteOld_deletes_nothing_newer_than_the_cutoff_even_beyond_keepPerJob()
    {
        var runs = Enumerable.Range(0, 5).Select(i => Skipped($"r{i}", "job", Start.AddMinutes(i))).ToList();
        await Store.Runs.WriteBatchAsync(runs);

        // Only r0 and r1 are older than the cutoff; keepPerJob 1 alone would allow deleting four.
        Assert.Equal(2, await Store.Runs.DeleteOldAsync(Start.AddMinutes(2), keepPerJob: 1, batchSize: 100));
        Assert.Equal(0, await Store.Runs.DeleteOldAsync(Start.AddMinutes(2), keepPerJob: 1, batchSize: 100));
        Assert.Equal(3, (await Store.Runs.QueryAsync(new RunQuery())).Items.Count);
    }

    [Fact]
    public async Task DeleteOld_takes_the_oldest_first_and_at_most_a_batch_at_a_time()
    {
        await Store.Runs.WriteBatchAsync(Enumerable.Range(0, 10).Select(i => Skipped($"r{i}", "job", Start.AddMinutes(i))).ToList());

        Assert.Equal(4, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 4));
        RecordAssert.RunIds(["r9", "r8", "r7", "r6", "r5", "r4"], (await Store.Runs.QueryAsync(new RunQuery())).Items);
        Assert.Equal(4, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 4));
        Assert.Equal(2, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 4));
        Assert.Equal(0, await Store.Runs.DeleteOldAsync(Start.AddDays(1), keepPerJob: 0, batchSize: 4));
    }

    [Fact]
    public async Task A_cancelled_token_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Runs.WriteBatchAsync([Started("r", "j", Start)], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Runs.QueryAsync(new RunQuery(), cancelled.Token));
        Assert.Null(await Store.Runs.GetAsync("r"));
    }
}
