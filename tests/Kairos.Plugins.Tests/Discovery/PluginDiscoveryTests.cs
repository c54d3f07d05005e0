using Kairos.Plugins.Discovery;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Discovery;

public sealed class PluginDiscoveryTests
{
    [Fact]
    public async Task Higher_version_wins_across_folders_and_the_data_folder_wins_ties()
    {
        await using var h = PluginHarness.Create();
        h.CopySample(2, builtIn: true);
        h.CopySample(1);
        Assert.Equal(PluginSource.BuiltIn, PluginDiscovery.Discover(h.BuiltIn, h.Plugins)["sample"].Source);

        h.CopySample(2);
        Assert.Equal(PluginSource.Data, PluginDiscovery.Discover(h.BuiltIn, h.Plugins)["sample"].Source);
    }

    [Fact]
    public async Task Folders_without_manifest_and_hidden_staging_folders_are_ignored()
    {
        await using var h = PluginHarness.Create();
        Directory.CreateDirectory(Path.Combine(h.Plugins, "half-copied"));
        h.CopySample(1, folder: ".staging-123");

        Assert.Empty(PluginDiscovery.Discover(h.BuiltIn, h.Plugins));
    }

    [Fact]
    public async Task Changing_a_file_changes_the_stamp()
    {
        await using var h = PluginHarness.Create();
        var folder = h.CopySample(1);
        var before = PluginDiscovery.Discover(null, h.Plugins)["sample"].Stamp;
        File.AppendAllText(Path.Combine(folder, "extra.txt"), "x");

        Assert.NotEqual(before, PluginDiscovery.Discover(null, h.Plugins)["sample"].Stamp);
    }
}
