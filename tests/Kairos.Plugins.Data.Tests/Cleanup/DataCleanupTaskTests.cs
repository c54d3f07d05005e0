using Kairos.Plugins.Portfolio;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Cleanup;
using Kairos.Plugins.Data.Tests.Support;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite;

namespace Kairos.Plugins.Data.Tests.Cleanup;

public sealed class DataCleanupTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 2, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Cleanup_DeletesOldRunsInBatches_KeepingTheNewestOfEachJob()
    {
        await using var h = await DataHarness.StartAsync(Now);
        h.Maintenance.Retention = StoreHostMaintenance.Defaults with { RunDays = 90, KeepRunsPerJob = 5 };
        var oldA = await History.WriteRunsAsync(h.Store, "job_a", 30, Now.AddDays(-200));
        var recentA = await History.WriteRunsAsync(h.Store, "job_a", 3, Now.AddDays(-10));
        var oldB = await History.WriteRunsAsync(h.Store, "job_b", 4, Now.AddDays(-300));
        var running = History.Run("still-running", "job_a", Now.AddDays(-150), RunStatus.Running);
        await h.Store.Runs.WriteBatchAsync([running]);

        var (result, _) = await h.RunAsync("data_cleanup", new JsonObject { ["batch_size"] = 7 });

        Assert.True(result.Succeeded, result.Error);
        // job_a keeps its newest 5 (3 recent + the running one + 1 old): 29 old ones go; job_b has fewer than 5 and keeps all.
        var left = await RunIdsAsync(h.Store);
        Assert.Equal(recentA.Select(r => r.RunId).Append(running.RunId).Append(oldA[^1].RunId).Concat(oldB.Select(r => r.RunId)).Order(), left.Order());
        var data = result.Data!;
        Assert.Equal(29, data["runs_deleted"]!.GetValue<int>());
        Assert.Equal(5, data["keep_runs_per_job"]!.GetValue<int>());
        Assert.Equal(Now.AddDays(-90), data["runs_ended_before"]!.GetValue<DateTimeOffset>());
        // ceil(29 / 7) = 5 runs batches plus the empty one that ends the loop; one more each for events and snapshots (none to delete).
        Assert.Equal(5 + 1 + 1 + 1, data["batches"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cleanup_DeletesEventsOlderThanTheRetention_AndBeyondTheCap()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await History.WriteEventsAsync(h.Store, 50, Now.AddDays(-100));
        await History.WriteEventsAsync(h.Store, 20, Now.AddDays(-1));
        h.Maintenance.Retention = StoreHostMaintenance.Defaults with { EventDays = 90, EventMaxCount = 15 };

        var (result, _) = await h.RunAsync("data_cleanup", new JsonObject { ["batch_size"] = 8 });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(55, result.Data!["events_deleted"]!.GetValue<int>());
        var counts = await h.Maintenance.CountAsync();
        Assert.Equal(15, counts.Events);
        // The 15 kept are the newest.
        var kept = await h.Store.Events.QueryAsync(new Kairos.Storage.Events.EventQuery { Limit = 100 });
        Assert.All(kept.Items, e => Assert.True(e.Time >= Now.AddDays(-1).AddMinutes(5)));
    }

    [Fact]
    public async Task Cleanup_ZeroDaysAndNoCap_KeepsEverything()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await History.WriteRunsAsync(h.Store, "job_a", 20, Now.AddDays(-2000));
        await History.WriteEventsAsync(h.Store, 20, Now.AddDays(-2000));
        h.Maintenance.Retention = StoreHostMaintenance.Defaults with { RunDays = 0, KeepRunsPerJob = 0, EventDays = 0, EventMaxCount = 0, SnapshotDays = 0 };

        var (result, _) = await h.RunAsync("data_cleanup");

        Assert.True(result.Succeeded, result.Error);
        var counts = await h.Maintenance.CountAsync();
        Assert.Equal((20, 20), (counts.Runs, counts.Events));
        Assert.Equal(0, result.Data!["runs_deleted"]!.GetValue<int>());
        Assert.Null(result.Data["runs_ended_before"]);
        Assert.Null(result.Data["events_before"]);
        Assert.Null(result.Data["event_max_count"]);
        Assert.Equal(0, result.Data["batches"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cleanup_ReclaimsTheFreedSpace_WithIncrementalVacuum()
    {
        await using var h = await DataHarness.StartAsync(Now);
        var big = JsonSerializer.Serialize(new { text = new string('x', 4000) });
        await History.WriteRunsAsync(h.Store, "job_a", 600, Now.AddDays(-400), big);
        var before = await h.Maintenance.CountAsync();
        h.Maintenance.Retention = StoreHostMaintenance.Defaults with { KeepRunsPerJob = 10 };

        var (result, _) = await h.RunAsync("data_cleanup", new JsonObject { ["vacuum_step_pages"] = 50 });

        Assert.True(result.Succeeded, result.Error);
        var after = await h.Maintenance.CountAsync();
        Assert.Equal(590, result.Data!["runs_deleted"]!.GetValue<int>());
        Assert.True(result.Data["pages_freed"]!.GetValue<long>() > 500, result.Data.ToJsonString());
        Assert.Equal(before.DatabaseBytes, result.Data["database_bytes_before"]!.GetValue<long>());
        Assert.Equal(after.DatabaseBytes, result.Data["database_bytes_after"]!.GetValue<long>());
        Assert.True(after.DatabaseBytes < before.DatabaseBytes / 4, $"{before.DatabaseBytes} → {after.DatabaseBytes}");
        Assert.Equal(0, after.FreePages);
    }

    [Fact]
    public async Task Cleanup_PublishesWhatItRemoved_AndPrunesSnapshotsKeepingTheNewestBeforeTheCutOff()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await History.WriteEventsAsync(h.Store, 3, Now.AddDays(-100));
        // Daily snapshots of one account: three before the 2024-11-01 cut-off, one after.
        foreach (var day in new[] { new DateTimeOffset(2024, 8, 1, 2, 0, 0, TimeSpan.Zero), new(2024, 9, 1, 2, 0, 0, TimeSpan.Zero), new(2024, 10, 1, 2, 0, 0, TimeSpan.Zero), new(2025, 1, 1, 2, 0, 0, TimeSpan.Zero) })
        {
            var applied = await h.PortfolioStore.ReplaceAccountHoldingsAsync("bank", "main", [new BalanceEntry("CNY", 100m + day.Month)], [], day);
            Assert.True(applied.Applied);
        }

        var (result, context) = await h.RunAsync("data_cleanup");

        Assert.True(result.Succeeded, result.Error);
        var evt = Assert.Single(h.Host.EventsOfType("data.cleanup.completed"));
        Assert.Equal("data", evt.Source);
        var data = JsonNode.Parse(evt.Data!.Value.GetRawText())!;
        Assert.Equal(3, data["events_deleted"]!.GetValue<int>());
        Assert.Equal(0, data["runs_deleted"]!.GetValue<int>());
        Assert.Equal(2, data["snapshots_deleted"]!.GetValue<int>());
        var history = await h.PortfolioStore.GetNetWorthHistoryAsync("CNY");
        Assert.Equal(["2024-10-01", "2025-01-01"], history.Select(p => p.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        // 730 days before 2026-11-01 (Shanghai).
        Assert.Equal("2024-11-01", data["snapshots_before"]!.GetValue<string>());
        Assert.Equal(result.Data!.ToJsonString(), data.ToJsonString());
        Assert.Contains(context.Lines, l => l.Contains("snapshots: 2 account-days deleted", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("batch_size", 0)]
    [InlineData("batch_size", 10_001)]
    [InlineData("vacuum_step_pages", 0)]
    public async Task Cleanup_ConfigOutOfRange_FailsAsConfigurationError_DeletingNothing(string key, int value)
    {
        await using var h = await DataHarness.StartAsync(Now);
        await History.WriteEventsAsync(h.Store, 3, Now.AddDays(-100));

        var (result, _) = await h.RunAsync("data_cleanup", new JsonObject { [key] = value });

        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains(key, result.Error, StringComparison.Ordinal);
        Assert.Equal(3, (await h.Maintenance.CountAsync()).Events);
        Assert.Empty(h.Host.EventsOfType("data.cleanup.completed"));
    }

    private static async Task<List<string>> RunIdsAsync(SqliteKairosStore store)
    {
        var page = await store.Runs.QueryAsync(new RunQuery { Limit = 1000 });
        return page.Items.Select(r => r.RunId).ToList();
    }
}
