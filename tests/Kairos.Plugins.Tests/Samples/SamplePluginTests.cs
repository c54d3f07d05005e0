using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Tests.Samples;

/// <summary>The sample plugin from its build output: load, run, events, endpoints, upgrade with drain.</summary>
public sealed class SamplePluginTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Plugins:sample:Greeting"] = "Hi",
        ["Plugins:sample:ApiToken"] = "s3cret-token",
    };

    [Fact]
    public async Task Sample_v1_loads_runs_its_task_publishes_json_and_writes_its_own_table()
    {
        await using var h = PluginHarness.Create(settings: Settings);
        h.CopySample(1);

        await h.Manager.LoadAllAsync();

        var info = h.Info("sample");
        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Equal("1.0.0", info.Version);
        Assert.Equal(["sample_greet"], info.Tasks);
        Assert.Equal("***", info.Settings["ApiToken"]);
        Assert.Equal("Hi", info.Settings["Greeting"]);
        var loaded = await h.Host.LifecycleAsync("plugin.loaded", "sample");
        Assert.Equal("1.0.0", loaded.Data!.Value.GetProperty("version").GetString());

        var result = await h.Host.RunAsync("sample_greet", new JsonObject { ["name"] = "Ada" });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Hi, Ada!", result.Data!["message"]!.GetValue<string>());
        Assert.Equal("1.0.0", result.Data!["version"]!.GetValue<string>());
        Assert.Contains("greeting Ada (sample 1.0.0)", h.Host.LastRunLog);
        var greeted = Assert.Single(h.Host.Events, e => e.Type == "sample.greeted");
        Assert.Equal("sample", greeted.Source);
        Assert.Equal("Ada", greeted.Subject);
        Assert.Equal("Hi, Ada!", greeted.Data!.Value.GetProperty("message").GetString());
        var job = Assert.Single(h.Host.Jobs);
        Assert.Equal("sample_hourly_greeting", job.JobId);
        Assert.Equal("interval", job.ToJobBody()["schedule"]!["type"]!.GetValue<string>());
        Assert.Equal(1, await CountRowsAsync(h, "SELECT COUNT(*) FROM sample_greetings WHERE name = 'Ada'"));
        Assert.Equal(1, await CountRowsAsync(h, "SELECT COUNT(*) FROM kairos_plugin_migrations WHERE plugin_id = 'sample'"));
    }

    [Fact]
    public async Task Sample_endpoints_answer_through_the_host_route_and_the_list_redacts_secrets()
    {
        await using var h = PluginHarness.Create(settings: Settings);
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);

        var version = await server.GetJsonAsync("/api/v1/plugins/sample/version");
        Assert.Equal("1.0.0", version.GetProperty("version").GetString());
        var hello = await server.GetJsonAsync("/api/v1/plugins/sample/hello/Bob");
        Assert.Equal("Hi, Bob!", hello.GetProperty("message").GetString());

        await h.Host.RunAsync("sample_greet", new JsonObject { ["name"] = "Ada" });
        Assert.Equal(1, (await server.GetJsonAsync("/api/v1/plugins/sample/greetings/count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await server.GetJsonAsync("/api/v1/plugins/sample/greetings/stored")).GetProperty("count").GetInt32());

        using var missing = await server.Client.GetAsync(new Uri("/api/v1/plugins/nothing/version", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var unknownRoute = await server.Client.GetAsync(new Uri("/api/v1/plugins/sample/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownRoute.StatusCode);

        var listText = await server.Client.GetStringAsync(new Uri("/api/v1/scheduler/plugins", UriKind.Relative));
        Assert.DoesNotContain("s3cret-token", listText, StringComparison.Ordinal);
        var sample = JsonDocument.Parse(listText).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("loaded", sample.GetProperty("state").GetString());
        Assert.Equal("***", sample.GetProperty("settings").GetProperty("ApiToken").GetString());
        Assert.Equal("sample_greet", sample.GetProperty("tasks")[0].GetString());
    }

    [Fact]
    public async Task Upgrade_to_v2_lets_the_v1_run_in_flight_finish_while_new_runs_and_requests_use_v2()
    {
        await using var h = PluginHarness.Create(settings: Settings);
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        await using var server = await PluginApiServer.StartAsync(h.Manager);
        var oldRun = h.Host.RunAsync("sample_greet", new JsonObject { ["name"] = "old", ["wait_seconds"] = 10 });
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));

        h.CopySample(2);
        var upgrade = h.Manager.ScanAsync();
        var upgraded = await h.Host.LifecycleAsync("plugin.upgraded", "sample");

        Assert.Equal("2.0.0", upgraded.Data!.Value.GetProperty("version").GetString());
        Assert.Equal("1.0.0", upgraded.Data!.Value.GetProperty("previous_version").GetString());
        Assert.False(upgrade.IsCompleted); // still draining the v1 run
        Assert.False(oldRun.IsCompleted);
        var newRun = await h.Host.RunAsync("sample_greet", new JsonObject { ["name"] = "new" });
        Assert.Equal("2.0.0", newRun.Data!["version"]!.GetValue<string>());
        Assert.Equal("2.0.0", (await server.GetJsonAsync("/api/v1/plugins/sample/version")).GetProperty("version").GetString());

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var oldResult = await oldRun.Within();
        await upgrade.Within();

        Assert.True(oldResult.Succeeded, oldResult.Error);
        Assert.Equal("1.0.0", oldResult.Data!["version"]!.GetValue<string>());
        Assert.Equal("2.0.0", h.Info("sample").Version);
        Assert.Equal(1, await CountRowsAsync(h, "SELECT COUNT(*) FROM sample_greetings WHERE version = '2.0.0'"));
        Assert.Equal(2, await CountRowsAsync(h, "SELECT MAX(version) FROM kairos_plugin_migrations WHERE plugin_id = 'sample'"));
    }

    [Fact]
    public async Task A_run_outliving_the_drain_timeout_is_cancelled_and_recorded_as_failed()
    {
        await using var h = PluginHarness.Create(options => options with { DrainTimeout = TimeSpan.FromSeconds(40) });
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        var run = h.Host.RunAsync("sample_greet", new JsonObject { ["wait_seconds"] = 3600 });
        await h.Time.WaitForTimerAsync(TimeSpan.FromHours(1));

        var unload = h.Manager.UnloadAsync("sample");
        await h.Time.WaitForTimerAsync(TimeSpan.FromSeconds(40));
        h.Time.Advance(TimeSpan.FromSeconds(40));
        var result = await run.Within();
        var info = await unload.Within();

        Assert.False(result.Succeeded);
        Assert.Equal("PluginUnloaded", result.ErrorType);
        Assert.Contains("drain timeout of 40 s", result.Error, StringComparison.Ordinal);
        Assert.Equal(PluginState.Unloaded, info!.State);
        Assert.False(h.Host.HasTask("sample_greet"));
    }

    [Fact]
    public async Task A_built_in_plugin_is_replaced_by_a_newer_copy_in_the_data_folder_and_wins_ties_there()
    {
        await using var h = PluginHarness.Create();
        h.CopySample(2, builtIn: true);
        h.CopySample(1);
        await h.Manager.LoadAllAsync();
        Assert.Equal("2.0.0", h.Info("sample").Version);
        Assert.Equal(Kairos.Plugins.Discovery.PluginSource.BuiltIn, h.Info("sample").Source);

        h.CopySample(2);
        await h.Manager.ScanAsync();

        Assert.Equal(Kairos.Plugins.Discovery.PluginSource.Data, h.Info("sample").Source);
    }

    private static async Task<long> CountRowsAsync(PluginHarness h, string sql)
    {
        await using var connection = (SqliteConnection)await h.Host.OpenDatabaseAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
