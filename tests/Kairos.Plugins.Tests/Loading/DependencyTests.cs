using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Loading;

public sealed class DependencyTests
{
    [Fact]
    public async Task Dependencies_load_first_and_a_dependent_uses_the_service_its_dependency_exports()
    {
        await using var h = PluginHarness.Create();
        var zeta = h.AddPlugin("zeta", TestPlugins.Exporter());
        h.AddPlugin("alpha", TestPlugins.Dependent(), PluginCompiler.Manifest("alpha", dependencies: """{"zeta": "[1.0.0, 2.0.0)"}"""), references: zeta);

        await h.Manager.LoadAllAsync();

        Assert.Equal(PluginState.Loaded, h.Info("alpha").State);
        Assert.Equal("hello from zeta, alpha", (await h.Host.RunAsync("alpha_greet")).Data!["text"]!.GetValue<string>());
        var order = h.Host.Events.Where(e => e.Type == "plugin.loaded").Select(e => e.Subject).ToList();
        Assert.Equal(["zeta", "alpha"], order);
        Assert.Equal(new Dictionary<string, string> { ["zeta"] = "[1.0.0, 2.0.0)" }, h.Info("alpha").Dependencies);
    }

    [Fact]
    public async Task A_plugin_does_not_see_the_types_of_a_plugin_it_does_not_depend_on()
    {
        await using var h = PluginHarness.Create();
        var zeta = h.AddPlugin("zeta", TestPlugins.Exporter());
        h.AddPlugin("gamma", TestPlugins.Stowaway(), references: zeta);

        await h.Manager.LoadAllAsync();

        Assert.Equal(PluginState.Loaded, h.Info("zeta").State);
        Assert.Equal(PluginState.Failed, h.Info("gamma").State);
        Assert.Contains("Test.zeta", h.Info("gamma").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unloading_a_dependency_unloads_its_dependents_first_and_reloading_brings_both_back()
    {
        await using var h = PluginHarness.Create();
        var zeta = h.AddPlugin("zeta", TestPlugins.Exporter());
        h.AddPlugin("alpha", TestPlugins.Dependent(), PluginCompiler.Manifest("alpha", dependencies: """{"zeta": "1.0.0"}"""), references: zeta);
        await h.Manager.LoadAllAsync();

        await h.Manager.UnloadAsync("zeta");

        Assert.Equal(PluginState.Unloaded, h.Info("zeta").State);
        Assert.Equal(PluginState.Failed, h.Info("alpha").State);
        Assert.Equal("dependency 'zeta' was unloaded", h.Info("alpha").Reason);
        Assert.False(h.Host.HasTask("alpha_greet"));
        var unloaded = h.Host.Events.Where(e => e.Type == "plugin.unloaded").Select(e => e.Subject).ToList();
        Assert.Equal(["alpha", "zeta"], unloaded);

        await h.Manager.ReloadAsync("zeta");

        Assert.Equal(PluginState.Loaded, h.Info("zeta").State);
        Assert.Equal(PluginState.Loaded, h.Info("alpha").State);
        Assert.Equal("hello from zeta, alpha", (await h.Host.RunAsync("alpha_greet")).Data!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upgrading_a_dependency_reloads_its_dependents_against_the_new_version()
    {
        await using var h = PluginHarness.Create();
        var zeta = h.AddPlugin("zeta", TestPlugins.Exporter());
        h.AddPlugin("alpha", TestPlugins.Dependent(), PluginCompiler.Manifest("alpha", dependencies: """{"zeta": "[1.0.0, 2.0.0)"}"""), references: zeta);
        await h.Manager.LoadAllAsync();

        h.AddPlugin("zeta", TestPlugins.Exporter("1.1.0", "bonjour from zeta"), PluginCompiler.Manifest("zeta", "1.1.0"));
        await h.Manager.ScanAsync();

        Assert.Equal("1.1.0", h.Info("zeta").Version);
        Assert.Equal(PluginState.Loaded, h.Info("alpha").State);
        Assert.Equal("bonjour from zeta, alpha", (await h.Host.RunAsync("alpha_greet")).Data!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabling_persists_and_fails_dependents_until_enabled()
    {
        await using var h = PluginHarness.Create();
        var zeta = h.AddPlugin("zeta", TestPlugins.Exporter());
        h.AddPlugin("alpha", TestPlugins.Dependent(), PluginCompiler.Manifest("alpha", dependencies: """{"zeta": "1.0.0"}"""), references: zeta);
        await h.Manager.LoadAllAsync();

        await h.Manager.DisableAsync("zeta");
        Assert.Equal(PluginState.Disabled, h.Info("zeta").State);
        Assert.Equal(PluginState.Failed, h.Info("alpha").State);

        await using (var restarted = new PluginManager(h.Host, h.Options))
        {
            await restarted.LoadAllAsync();
            Assert.Equal(PluginState.Disabled, restarted.Get("zeta")!.State);
            Assert.Equal("dependency 'zeta' is disabled", restarted.Get("alpha")!.Reason);
        }

        await h.Manager.EnableAsync("zeta");
        Assert.Equal(PluginState.Loaded, h.Info("zeta").State);
        Assert.Equal(PluginState.Loaded, h.Info("alpha").State);
    }
}
