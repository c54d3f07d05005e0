using Kairos.Engine.Runs;
using Kairos.Engine.Tests.Support;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Engine.Tests;

/// <summary>
/// <see cref="RunWriter.WhenQuietAsync"/>: the signal lower-priority writes (jobs' finished state) wait for. The store
/// is the real SQLite store behind a gate that holds each batch until the test lets it through.
/// </summary>
public sealed class RunWriterQuietTests : SqliteStoreTestBase
{
    [Fact]
    public async Task An_idle_writer_is_quiet_at_once()
    {
        await using var writer = new RunWriter(Store.Runs, TimeProvider.System, NullLogger<RunWriter>.Instance);
        writer.Start();

        Assert.True(writer.WhenQuietAsync().IsCompleted);
    }

    [Fact]
    public async Task Quiet_comes_after_the_commit_that_empties_the_queue()
    {
        var gated = new GatedRunStore(Store.Runs);
        await using var writer = new RunWriter(gated, TimeProvider.System, NullLogger<RunWriter>.Instance, batchSize: 2);
        writer.Start();

        await writer.WriteAsync(Run("a"));
        await gated.Entered.Task.WaitAsync(Deadline); // "a" is being written; the gate holds it
        await writer.WriteAsync(Run("b"));
        await writer.WriteAsync(Run("c"));
        var quiet = writer.WhenQuietAsync();
        Assert.False(quiet.IsCompleted);

        gated.Open();
        await quiet.WaitAsync(Deadline);

        Assert.Equal(0, writer.QueueDepth);
        Assert.NotNull(await Store.Runs.GetAsync("c")); // committed before quiet was signalled
    }

    private static RunRecord Run(string id) => new()
    {
        RunId = id,
        TaskId = "kairos.noop",
        Trigger = RunTrigger.Manual,
        StartedAt = DateTimeOffset.UnixEpoch.AddDays(20_000),
        FinishedAt = DateTimeOffset.UnixEpoch.AddDays(20_000),
        Status = RunStatus.Succeeded,
        Node = "test",
    };
}
