using Kairos.Plugins.Install;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Install;

public sealed class PluginZipTests
{
    [Theory]
    [InlineData("")]
    [InlineData("sample-1.0.0/")]
    public async Task A_zip_with_the_plugin_at_its_root_or_in_one_folder_is_installed_and_loaded(string prefix)
    {
        await using var h = PluginHarness.Create();
        await h.Manager.LoadAllAsync();
        using var zip = Zips.FromFolder(PluginHarness.SampleOutput(1), prefix);

        var info = await h.Manager.InstallZipAsync(zip);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.True(File.Exists(Path.Combine(h.Plugins, "sample", "plugin.json")));
        Assert.Equal(["sample"], Directory.GetDirectories(h.Plugins).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("lib/../../evil.txt")]
    [InlineData("/tmp/kairos-evil.txt")]
    public async Task Entries_that_would_land_outside_the_plugin_folder_refuse_the_whole_zip(string entry)
    {
        await using var h = PluginHarness.Create();
        await h.Manager.LoadAllAsync();
        using var zip = Zips.FromFolder(PluginHarness.SampleOutput(1), "", (entry, "pwned"));

        var error = await Assert.ThrowsAsync<PluginInstallException>(() => h.Manager.InstallZipAsync(zip));

        Assert.Contains("would land outside the plugin folder", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(h.Data, "evil.txt")));
        Assert.False(File.Exists(Path.Combine(h.Plugins, "evil.txt")));
        Assert.False(File.Exists("/tmp/kairos-evil.txt"));
        Assert.Empty(Directory.GetFileSystemEntries(h.Plugins));
        Assert.Empty(h.Manager.List());
    }

    [Fact]
    public async Task Something_that_is_not_a_plugin_zip_is_refused_with_the_reason()
    {
        await using var h = PluginHarness.Create();
        using var notZip = new MemoryStream("hello"u8.ToArray());
        Assert.Contains("not a zip archive", (await Assert.ThrowsAsync<PluginInstallException>(() => h.Manager.InstallZipAsync(notZip))).Message, StringComparison.Ordinal);

        using var empty = Zips.FromFolder(h.BuiltIn, "", ("x/readme.txt", "x"), ("y/readme.txt", "y"));
        Assert.Contains("holds no plugin.json", (await Assert.ThrowsAsync<PluginInstallException>(() => h.Manager.InstallZipAsync(empty))).Message, StringComparison.Ordinal);
    }
}
