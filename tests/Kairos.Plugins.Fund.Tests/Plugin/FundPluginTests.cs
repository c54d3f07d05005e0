using System.Text.Json;
using Kairos.Conditions.Expressions;
using Kairos.Plugins.Fund.Dca;
using Kairos.Plugins.Fund.Holdings;
using Kairos.Plugins.Fund.Navs;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Portfolio.Tests.Support.Hosting;
using Kairos.Scheduling;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Fund.Tests.Plugin;

public sealed class FundPluginTests
{
    [Fact]
    public async Task Plugin_OffersItsThreeTasks_ResolvedFromItsServices()
    {
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 6, 12));

        Assert.Equal([NavUpdateTask.Id, DcaExecuteTask.Id, PositionSyncTask.Id], h.Fund.Tasks.Select(t => t.TaskId));
        Assert.Empty(h.Fund.Builder.Exports);
    }

    [Fact]
    public async Task DefaultJobs_AreValidForTheJobsApi()
    {
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 6, 12));
        var context = new ScheduleContext(TimeZoneInfo.Utc, FundHarness.Beijing(2025, 6, 12));
        var jobs = h.Fund.Builder.Jobs.ToDictionary(j => j.Name);

        Assert.Equal(["dca_execute", "position_sync"], jobs.Keys.Order());
        foreach (var job in jobs.Values)
        {
            using var schedule = JsonDocument.Parse(job.ScheduleJson);
            var parsed = ScheduleParser.Parse(schedule.RootElement, context);
            Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }
        Assert.Equal(DcaExecuteTask.Id, jobs["dca_execute"].TaskId);
        using var options = JsonDocument.Parse(jobs["dca_execute"].OptionsJson!);
        var condition = ConditionExpression.Parse(options.RootElement.GetProperty("condition").GetString()!);
        Assert.Equal(["CN"], condition.ReferencedMarkets);
        Assert.Contains("\"timezone\":\"Asia/Shanghai\"", jobs["dca_execute"].ScheduleJson, StringComparison.Ordinal);
        Assert.Equal(PositionSyncTask.Id, jobs["position_sync"].TaskId);
        Assert.Contains($"\"event_type\":\"{NavUpdateTask.UpdatedEvent}\"", jobs["position_sync"].ScheduleJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_MatchesThePlugin_AndDependsOnPortfolio1()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "fund.plugin.json")));
        var root = manifest.RootElement;
        var plugin = new FundPlugin();

        Assert.Equal(plugin.Id, root.GetProperty("id").GetString());
        Assert.Equal(plugin.Version, root.GetProperty("version").GetString());
        Assert.Equal("Kairos.Plugins.Fund.dll", root.GetProperty("assembly").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("dependencies").GetProperty("portfolio").GetString());
        var keys = root.GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToArray();
        Assert.Equal(["EstimateBaseUrl", "HistoryBaseUrl", "RequestIntervalMilliseconds", "RequestJitterMilliseconds", "HistoryPageSize", "InitialHistoryDays", "AccountId"], keys);
    }

    [Fact]
    public void Migrations_OnlyNameTablesOfThePlugin()
    {
        Assert.All(FundMigrations.All, m => Assert.Empty(PluginTestHost.ForeignObjects(m.Sql, "fund_")));
    }

    [Fact]
    public void Settings_MalformedValue_FailsNamingTheKey()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HistoryBaseUrl"] = "ftp://x" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { _ = FundSettings.From(settings); });

        Assert.Contains("Plugins:fund:HistoryBaseUrl", error.Message, StringComparison.Ordinal);
    }
}
