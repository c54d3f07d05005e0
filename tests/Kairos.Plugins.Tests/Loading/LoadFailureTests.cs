using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Loading;

/// <summary>Every way a plugin can fail to load: it is failed with its reason, and everything else keeps running.</summary>
public sealed class LoadFailureTests
{
    [Fact]
    public async Task A_manifest_that_does_not_parse_fails_that_plugin_only()
    {
        await using var h = await WithGoodPluginAsync(h =>
        {
            Directory.CreateDirectory(Path.Combine(h.Plugins, "broken"));
            File.WriteAllText(Path.Combine(h.Plugins, "broken", "plugin.json"), "{ \"id\": ");
        });

        AssertFailed(h, "broken", "not valid JSON");
        var failed = await h.Host.LifecycleAsync("plugin.failed", "broken");
        Assert.Contains("not valid JSON", failed.Data!.Value.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dependency_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("needy", TestPlugins.Echo("needy"), PluginCompiler.Manifest("needy", dependencies: """{"ghost": "[1.0.0, )"}"""))),
            "needy", "dependency 'ghost' [1.0.0, ) is missing");

    [Fact]
    public async Task A_dependency_version_outside_the_range_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("child", TestPlugins.Echo("child"), PluginCompiler.Manifest("child", dependencies: """{"good": "[2.0.0, 3.0.0)"}"""))),
            "child", "dependency 'good' must be [2.0.0, 3.0.0), but version 1.0.0 is installed");

    [Fact]
    public async Task A_dependency_cycle_fails_every_plugin_on_it()
    {
        await using var h = await WithGoodPluginAsync(h =>
        {
            h.AddPlugin("ca", TestPlugins.Echo("ca"), PluginCompiler.Manifest("ca", dependencies: """{"cb": "1.0.0"}"""));
            h.AddPlugin("cb", TestPlugins.Echo("cb"), PluginCompiler.Manifest("cb", dependencies: """{"ca": "1.0.0"}"""));
        });

        AssertFailed(h, "ca", "dependency cycle: ca -> cb -> ca");
        AssertFailed(h, "cb", "dependency cycle: cb -> ca -> cb");
    }

    [Fact]
    public async Task Two_folders_with_one_id_fail_that_id() =>
        AssertFailed(await WithGoodPluginAsync(h =>
        {
            h.AddPlugin("dup", TestPlugins.Echo("dup"), folder: "one");
            h.AddPlugin("dup", TestPlugins.Echo("dup"), folder: "two");
        }), "dup", "duplicate id 'dup': folders one, two");

    [Fact]
    public async Task An_sdk_range_the_host_does_not_satisfy_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("future", TestPlugins.Echo("future"), PluginCompiler.Manifest("future", sdk: "[2.0.0, 3.0.0)"))),
            "future", "needs Kairos.Sdk [2.0.0, 3.0.0), but this server provides 1.0.0");

    [Fact]
    public async Task An_assembly_that_fails_to_load_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h =>
        {
            Directory.CreateDirectory(Path.Combine(h.Plugins, "junk"));
            File.WriteAllText(Path.Combine(h.Plugins, "junk", "plugin.json"), PluginCompiler.Manifest("junk"));
            File.WriteAllText(Path.Combine(h.Plugins, "junk", "Test.junk.dll"), "this is not an assembly");
        }), "junk", "assembly 'Test.junk.dll' failed to load");

    [Fact]
    public async Task An_assembly_without_plugin_class_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("empty", "namespace Test.empty; public sealed class Nothing { }")),
            "empty", "has no plugin class");

    [Fact]
    public async Task A_plugin_class_that_disagrees_with_its_manifest_fails() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("liar", TestPlugins.Echo("other"), PluginCompiler.Manifest("liar"))),
            "liar", "the plugin class says id 'other' but plugin.json says 'liar'");

    [Fact]
    public async Task An_exception_in_Configure_fails_the_plugin_and_its_dependents()
    {
        await using var h = await WithGoodPluginAsync(h =>
        {
            h.AddPlugin("thrower", PluginCompiler.PluginSource("thrower", "1.0.0", "throw new InvalidOperationException(\"boom\");"));
            h.AddPlugin("follower", TestPlugins.Echo("follower"), PluginCompiler.Manifest("follower", dependencies: """{"thrower": "1.0.0"}"""));
        });

        AssertFailed(h, "thrower", "Configure threw InvalidOperationException: boom");
        AssertFailed(h, "follower", "dependency 'thrower' is failed (Configure threw InvalidOperationException: boom)");
    }

    [Fact]
    public async Task An_exception_in_StartAsync_fails_the_plugin_and_registers_nothing()
    {
        await using var h = await WithGoodPluginAsync(h =>
            h.AddPlugin("starter", PluginCompiler.PluginSource("starter", "1.0.0", "plugin.AddTask(new EchoTask(\"starter_echo\", \"x\"));", start: "throw new InvalidOperationException(\"no start\");")));

        AssertFailed(h, "starter", "StartAsync threw InvalidOperationException: no start");
        Assert.False(h.Host.HasTask("starter_echo"));
    }

    [Fact]
    public async Task A_migration_touching_a_foreign_table_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("sneaky", PluginCompiler.PluginSource("sneaky", "1.0.0",
            "plugin.AddMigration(new PluginMigration(1, \"x\", \"CREATE TABLE sneaky_ok (x); DELETE FROM jobs\"));"))),
            "sneaky", "migration 1: statement 2: writes to table 'jobs', which is not named 'sneaky_*'");

    [Fact]
    public async Task A_task_id_another_plugin_provides_fails_the_later_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("zcopy", PluginCompiler.PluginSource("zcopy", "1.0.0", "plugin.AddTask(new EchoTask(\"good_echo\", \"mine\"));"))),
            "zcopy", "task id 'good_echo' is already provided by plugin 'good'");

    [Fact]
    public async Task A_default_job_with_a_schedule_that_is_not_a_json_object_fails_the_plugin() =>
        AssertFailed(await WithGoodPluginAsync(h => h.AddPlugin("jobby", PluginCompiler.PluginSource("jobby", "1.0.0",
            "plugin.AddJob(new PluginJob(\"nightly\", \"good_echo\", \"every night\"));"))),
            "jobby", "job 'nightly' schedule must be a JSON object: every night");

    [Fact]
    public async Task A_failed_plugin_is_retried_when_its_files_change()
    {
        await using var h = await WithGoodPluginAsync(h => h.AddPlugin("later", PluginCompiler.PluginSource("later", "1.0.0", "throw new InvalidOperationException(\"not yet\");")));
        AssertFailed(h, "later", "not yet");

        await h.Manager.ScanAsync();
        AssertFailed(h, "later", "not yet");
        h.AddPlugin("later", TestPlugins.Echo("later", "1.0.1"), PluginCompiler.Manifest("later", "1.0.1"));
        await h.Manager.ScanAsync();

        Assert.Equal(PluginState.Loaded, h.Info("later").State);
    }

    /// <summary>Loads a good plugin plus whatever <paramref name="arrange"/> adds; checks the good one is loaded.</summary>
    private static async Task<PluginHarness> WithGoodPluginAsync(Action<PluginHarness> arrange)
    {
        var h = PluginHarness.Create();
        h.AddPlugin("good", TestPlugins.Echo("good"));
        arrange(h);
        await h.Manager.LoadAllAsync();
        Assert.Equal(PluginState.Loaded, h.Info("good").State);
        Assert.Equal("ok", (await h.Host.RunAsync("good_echo")).Data!["text"]!.GetValue<string>());
        return h;
    }

    private static void AssertFailed(PluginHarness h, string id, string reason)
    {
        var info = h.Info(id);
        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains(reason, info.Reason, StringComparison.Ordinal);
        Assert.Empty(info.Tasks);
    }
}
