using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Tests;

public class LastRunSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Before_a_run_there_is_none()
    {
        Assert.Null(new LastRunSummary().Get());
    }

    [Theory]
    [InlineData(null)] // an id made by RunIds, held as a number
    [InlineData("run-1")]
    [InlineData("0000000000000000000000000000000A")] // hex, but not as RunIds writes it
    [InlineData("00000000000000000000000000000001")] // leading zeros kept
    [InlineData("ffffffffffffffff0000000000000000")] // both halves of the number
    [InlineData("0123456789abcdef0123456789abcdeg")] // a non-hex digit last
    [InlineData("0123456789abcdef0123456789abcde")] // one digit short
    public void The_latest_run_reads_back_as_it_was_recorded(string? runId)
    {
        runId ??= RunIds.New(TimeProvider.System);
        var summary = new LastRunSummary();
        summary.Set(Run("older", RunStatus.Failed));
        summary.Set(Run(runId, RunStatus.Succeeded) with { FinishedAt = At.AddSeconds(2), DurationMs = 2_000 });

        var view = summary.Get()!.Value;

        Assert.Equal(runId, view.RunId);
        Assert.Equal(RunStatus.Succeeded, view.Status);
        Assert.Equal(RunTrigger.Schedule, view.Trigger);
        Assert.Equal(At, view.ScheduledAt);
        Assert.Equal(At.AddSeconds(1), view.StartedAt);
        Assert.Equal(At.AddSeconds(2), view.FinishedAt);
        Assert.Equal(2_000, view.DurationMs);
    }

    [Fact]
    public void Every_status_and_trigger_reads_back()
    {
        // Held in a byte each: a value that did not fit would come back as another.
        var summary = new LastRunSummary();
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            foreach (var trigger in Enum.GetValues<RunTrigger>())
            {
                summary.Set(Run("r", status) with { Trigger = trigger });
                var view = summary.Get()!.Value;
                Assert.Equal((status, trigger), (view.Status, view.Trigger));
            }
        }
    }

    [Fact]
    public void The_version_changes_with_every_run_and_is_zero_before_the_first()
    {
        var summary = new LastRunSummary();
        Assert.Equal(0, summary.Version);

        var seen = new HashSet<long> { summary.Version };
        for (var i = 0; i < 5; i++)
        {
            summary.Set(Run("r", RunStatus.Succeeded));
            Assert.True(seen.Add(summary.Version));
        }
    }

    private static RunRecord Run(string runId, RunStatus status) => new()
    {
        RunId = runId,
        JobId = "job",
        TaskId = "task",
        Trigger = RunTrigger.Schedule,
        ScheduledAt = At,
        StartedAt = At.AddSeconds(1),
        Status = status,
        Node = "test",
    };
}
