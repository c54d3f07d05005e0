using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Backup;
using Kairos.Plugins.Data.Cleanup;
using Kairos.Plugins.Data.Export;
using Kairos.Plugins.Data.Reports;
using Kairos.Plugins.Data.Tests.Support;
using Kairos.Scheduling;
using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Data.Tests.Plugin;

public sealed class DataPluginTests
{
    private static readonly DateTimeOffset Now = DataHarness.Beijing(2026, 11, 1, 6);

    [Fact]
    public async Task Plugin_OffersItsFourTasks_WithTheIdsTheHostsDefaultJobsUse()
    {
        await using var h = await DataHarness.StartAsync(Now);

        Assert.Equal(["data_cleanup", "data_backup", "report_generation", "data_export"], h.Data.Tasks.Select(t => t.TaskId));
        Assert.Equal([DataCleanupTask.Id, DataBackupTask.Id, ReportGenerationTask.Id, DataExportTask.Id], h.Data.Tasks.Select(t => t.TaskId));
        Assert.Empty(h.Data.Builder.Exports);
        Assert.Empty(h.Data.Builder.Migrations);
    }

    [Fact]
    public async Task DefaultConfigs_OfTheHostsJobs_AreAccepted()
    {
        await using var h = await DataHarness.StartAsync(Now);

        // default_data_cleanup and default_report_generation are created by the host with an empty config.
        foreach (var task in h.Data.Tasks.Where(t => t.TaskId is "data_cleanup" or "report_generation" or "data_backup"))
        {
            Assert.Empty(task.ConfigSchema!.Validate([]));
        }
        Assert.Equal("is required", h.Data.Tasks.Single(t => t.TaskId == "data_export").ConfigSchema!.Validate([])["dataset"]);
    }

    [Fact]
    public async Task DailyBackupJob_IsValidForTheJobsApi()
    {
        await using var h = await DataHarness.StartAsync(Now);
        var job = Assert.Single(h.Data.Builder.Jobs);

        Assert.Equal("daily_backup", job.Name);
        Assert.Equal(DataBackupTask.Id, job.TaskId);
        using var schedule = JsonDocument.Parse(job.ScheduleJson);
        var parsed = ScheduleParser.Parse(schedule.RootElement, new ScheduleContext(TimeZoneInfo.Utc, Now));
        Assert.True(parsed.Errors.Count == 0, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.Empty(h.Data.Tasks.Single(t => t.TaskId == job.TaskId).ConfigSchema!.Validate(JsonNode.Parse(job.ConfigJson!)!.AsObject()));
    }

    [Fact]
    public void Manifest_MatchesThePlugin_AndDependsOnPortfolioOnly()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "data.plugin.json")));
        var root = manifest.RootElement;
        var plugin = new DataPlugin();

        Assert.Equal(plugin.Id, root.GetProperty("id").GetString());
        Assert.Equal("data", plugin.Id);
        Assert.Equal(plugin.Version, root.GetProperty("version").GetString());
        Assert.Equal("Kairos.Plugins.Data.dll", root.GetProperty("assembly").GetString());
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("sdk").GetString());
        Assert.Equal(["portfolio"], root.GetProperty("dependencies").EnumerateObject().Select(p => p.Name));
        Assert.Equal("[1.0.0, 2.0.0)", root.GetProperty("dependencies").GetProperty("portfolio").GetString());
        Assert.Equal(["TimeZone"], root.GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("key").GetString()!));
    }

    [Fact]
    public void Settings_UnknownTimeZone_FailsNamingTheKey()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TimeZone"] = "Mars/Olympus" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { _ = DataSettings.From(settings); });

        Assert.Contains("Plugins:data:TimeZone", error.Message, StringComparison.Ordinal);
    }
}
