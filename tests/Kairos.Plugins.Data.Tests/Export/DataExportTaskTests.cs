using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Tests.Support;
using Kairos.Plugins.Portfolio;
using Kairos.Storage.Runs;

namespace Kairos.Plugins.Data.Tests.Export;

public sealed class DataExportTaskTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset First = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Export_Transactions_Csv_IsTheTimeRange_AcrossPages_WithCellsQuoted()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await WriteTransactionsAsync(h.PortfolioStore, 1200);

        var (result, _) = await h.RunAsync("data_export", new JsonObject
        {
            ["dataset"] = "transactions", ["since"] = "2026-10-01T02:00:00Z", ["until"] = "2026-10-01T12:00:00Z",
        });

        Assert.True(result.Succeeded, result.Error);
        var file = result.Data!["file"]!.GetValue<string>();
        Assert.Equal(Path.Combine(h.DataDirectory, "exports", "transactions-20261101T000000Z.csv"), file);
        var rows = CsvReader.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(["source", "external_id", "account_id", "occurred_at", "kind", "amount", "currency", "fee", "fee_currency", "instrument_id", "quantity", "price", "description"], rows[0]);
        var data = rows.Skip(1).ToList();
        // Minutes 120 … 719: 600 rows (more than one page of 500), newest first.
        Assert.Equal(600, data.Count);
        Assert.Equal(600, result.Data["rows"]!.GetValue<long>());
        Assert.Equal(Enumerable.Range(120, 600).Reverse().Select(i => $"tx-{i:D5}"), data.Select(r => r[1]));
        Assert.Equal("2026-10-01T11:59:00.0000000Z", data[0][3]);
        var quoted = data.Single(r => r[1] == "tx-00300");
        Assert.Equal("-300.10", quoted[5]);
        Assert.Equal("pays \"fund\", monthly\nsecond line", quoted[12]);
        Assert.True(data.All(r => r.Length == 13));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(h.DataDirectory, "exports")), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_Transactions_Json_KeepsAmountsExact()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await WriteTransactionsAsync(h.PortfolioStore, 30);

        var (result, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "transactions", ["format"] = "json" });

        Assert.True(result.Succeeded, result.Error);
        var file = result.Data!["file"]!.GetValue<string>();
        Assert.EndsWith("transactions-20261101T000000Z.json", file, StringComparison.Ordinal);
        var rows = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray();
        Assert.Equal(30, rows.Count);
        var t = rows.Single(r => r!["external_id"]!.GetValue<string>() == "tx-00007")!;
        Assert.Equal("-7.10", t["amount"]!.ToJsonString());
        Assert.Equal("0.0001", t["fee"]!.ToJsonString());
        Assert.Null(t["price"]);
        Assert.Equal("2026-10-01T00:07:00.0000000Z", t["occurred_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_BalancesAndPositions_AreTheDailySnapshotsOfTheRange()
    {
        await using var h = await DataHarness.StartAsync(ReportFixture.Now);
        await ReportFixture.WriteAsync(h.PortfolioStore);

        var (balances, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "balances" });
        h.SetTime(ReportFixture.Now.AddSeconds(1));
        var (recent, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "balances", ["since"] = "2026-10-15" });
        var (positions, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "positions", ["format"] = "json" });

        // Every snapshot day of the fixture: Sep 30 (wise), Oct 10 (okx), Oct 31 (wise again).
        var all = CsvReader.Parse(await File.ReadAllTextAsync(balances.Data!["file"]!.GetValue<string>()));
        Assert.Equal(["snapshot_date", "source", "account_id", "asset", "asset_class", "total", "available", "frozen"], all[0]);
        Assert.Equal(
            ["2026-09-30 wise/main/CNY 1000", "2026-09-30 wise/main/USD 100", "2026-10-10 okx/trading/USDT 50", "2026-10-31 wise/main/CNY 1500", "2026-10-31 wise/main/USD 200"],
            all.Skip(1).Select(r => $"{r[0]} {r[1]}/{r[2]}/{r[3]} {r[5]}"));
        // Since 2026-10-15 (Shanghai): only the Oct 31 snapshot.
        var since = CsvReader.Parse(await File.ReadAllTextAsync(recent.Data!["file"]!.GetValue<string>()));
        Assert.Equal(["2026-10-31 wise/main/CNY", "2026-10-31 wise/main/USD"], since.Skip(1).Select(r => $"{r[0]} {r[1]}/{r[2]}/{r[3]}"));
        var rows = JsonNode.Parse(await File.ReadAllTextAsync(positions.Data!["file"]!.GetValue<string>()))!.AsArray();
        Assert.Equal(["2026-09-30 fund 000001 long 1000 1100", "2026-10-31 fund 000001 long 2000 2400", "2026-10-31 fund 000002 long 10 ", "2026-10-31 ibkr AAPL long 10 2000"],
            rows.Select(r => $"{r!["snapshot_date"]} {r["source"]} {r["instrument_id"]} {r["side"]} {r["quantity"]} {r["market_value"]?.ToJsonString()}"));
        Assert.True(rows[0]!["counts_in_net_worth"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Export_RunsAndEvents_ComeThroughTheHost()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await History.WriteRunsAsync(h.Store, "job_a", 20, First);
        await h.Store.Runs.WriteBatchAsync([History.Run("failed-1", "job_a", First.AddHours(1), RunStatus.Failed)]);
        await History.WriteEventsAsync(h.Store, 40, First);

        var (runs, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "runs", ["since"] = "2026-10-01T00:10:00Z" });
        var (events, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "events", ["format"] = "json", ["until"] = "2026-10-01T00:30:00Z" });

        Assert.True(runs.Succeeded, runs.Error);
        var runRows = CsvReader.Parse(await File.ReadAllTextAsync(runs.Data!["file"]!.GetValue<string>()));
        Assert.Equal(["run_id", "job_id", "task_id", "trigger", "status", "scheduled_at", "started_at", "finished_at", "duration_ms", "attempt", "node", "reason", "error_type", "error_message"], runRows[0]);
        Assert.Equal(11, runRows.Count - 1);
        Assert.Equal(["failed-1", "job_a", "test_task", "schedule", "failed", "2026-10-01T01:00:00.0000000Z", "2026-10-01T01:00:00.0000000Z", "2026-10-01T01:00:02.0000000Z", "2000", "1", "test-node", "", "Boom", "it failed, \"badly\""], runRows[1]);
        Assert.True(events.Succeeded, events.Error);
        var eventRows = JsonNode.Parse(await File.ReadAllTextAsync(events.Data!["file"]!.GetValue<string>()))!.AsArray();
        Assert.Equal(30, eventRows.Count);
        Assert.Equal(29, eventRows[0]!["data"]!["n"]!.GetValue<int>());
        Assert.Equal("a, \"quoted\" value", eventRows[0]!["data"]!["text"]!.GetValue<string>());
        Assert.Equal("test.thing.happened", eventRows[0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_PublishesWhatItWrote()
    {
        await using var h = await DataHarness.StartAsync(Now);
        await WriteTransactionsAsync(h.PortfolioStore, 5);

        var (result, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "transactions", ["since"] = "2026-10-01" });

        var evt = Assert.Single(h.Host.EventsOfType("data.export.completed"));
        Assert.Equal("transactions-20261101T000000Z.csv", evt.Subject);
        var data = JsonNode.Parse(evt.Data!.Value.GetRawText())!;
        Assert.Equal(("transactions", "csv", 5L), (data["dataset"]!.GetValue<string>(), data["format"]!.GetValue<string>(), data["rows"]!.GetValue<long>()));
        Assert.Equal(new FileInfo(data["file"]!.GetValue<string>()).Length, data["bytes"]!.GetValue<long>());
        // A day is its start in the plugin's zone (Shanghai): 2026-09-30T16:00Z.
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), data["since"]!.GetValue<DateTimeOffset>());
        Assert.Null(data["until"]);
        Assert.Equal(result.Data!.ToJsonString(), data.ToJsonString());
    }

    [Theory]
    [InlineData("""{"dataset":"accounts"}""", "dataset")]
    [InlineData("""{"dataset":"runs","since":"yesterday"}""", "since")]
    [InlineData("""{"dataset":"runs","since":"2026-10-01T00:00:00"}""", "since")]
    [InlineData("""{"dataset":"runs","since":"2026-10-02","until":"2026-10-01"}""", "until")]
    [InlineData("""{"dataset":"runs","format":"xml"}""", "format")]
    public async Task Export_BadConfig_FailsAsConfigurationError_NamingTheField(string config, string field)
    {
        await using var h = await DataHarness.StartAsync(Now);

        var (result, _) = await h.RunAsync("data_export", JsonNode.Parse(config)!.AsObject(), validate: false);

        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(h.DataDirectory, "exports")));
    }

    /// <summary>Transactions one a minute from <see cref="First"/>, amounts -i.10, one with a description that needs quoting.</summary>
    internal static async Task WriteTransactionsAsync(IPortfolioStore store, int count)
    {
        var transactions = Enumerable.Range(0, count).Select(i => new PortfolioTransaction("fund", $"tx-{i:D5}", "default", First.AddMinutes(i),
            i % 2 == 0 ? TransactionKinds.Buy : TransactionKinds.DcaBuy, -(i + 0.10m), "CNY")
        {
            Fee = i == 7 ? 0.0001m : null,
            Description = i == 300 ? "pays \"fund\", monthly\nsecond line" : null,
        }).ToList();
        await store.UpsertTransactionsAsync(transactions);
    }
}
