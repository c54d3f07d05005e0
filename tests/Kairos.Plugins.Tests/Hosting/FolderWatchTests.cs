using System.Threading.Channels;
using Kairos.Plugins.Tests.Support;

namespace Kairos.Plugins.Tests.Hosting;

/// <summary>Hot-plug through the plugins folder: polled every 2 s on the injected clock (no file-system watcher).</summary>
public sealed class FolderWatchTests
{
    [Fact]
    public async Task Dropping_replacing_and_removing_a_folder_loads_upgrades_and_unloads_within_two_polls()
    {
        await using var h = PluginHarness.Create();
        await h.Manager.LoadAllAsync();
        var armed = Channel.CreateUnbounded<bool>();
        h.Manager.WatchArmed = () => armed.Writer.TryWrite(true);
        using var stop = new CancellationTokenSource();
        var watch = h.Manager.WatchAsync(stop.Token);
        await armed.NextAsync();

        h.CopySample(1);
        await PollAsync(h, armed);
        Assert.Null(h.Manager.Get("sample")); // a folder that just changed may still be copying in
        await PollAsync(h, armed);
        Assert.Equal(PluginState.Loaded, h.Info("sample").State);
        Assert.Equal("1.0.0", h.Info("sample").Version);

        h.CopySample(2);
        await PollAsync(h, armed);
        await PollAsync(h, armed);
        Assert.Equal("2.0.0", h.Info("sample").Version);
        Assert.Equal("2.0.0", (await h.Host.RunAsync("sample_greet")).Data!["version"]!.GetValue<string>());

        Directory.Delete(Path.Combine(h.Plugins, "sample"), recursive: true);
        await PollAsync(h, armed);
        await PollAsync(h, armed);
        Assert.Null(h.Manager.Get("sample"));
        Assert.False(h.Host.HasTask("sample_greet"));
        Assert.Contains(h.Host.Events, e => e.Type == "plugin.unloaded" && e.Subject == "sample");

        await stop.CancelAsync();
        await watch.Within();
    }

    [Fact]
    public async Task A_scan_applies_additions_replacements_and_removals_at_once()
    {
        await using var h = PluginHarness.Create();
        await h.Manager.LoadAllAsync();
        Assert.Empty(h.Manager.List());

        h.CopySample(1);
        await h.Manager.ScanAsync();
        Assert.Equal("1.0.0", h.Info("sample").Version);

        h.CopySample(2); // the loaded copy is a shadow copy: its folder can be replaced while it runs
        await h.Manager.ScanAsync();
        Assert.Equal("2.0.0", h.Info("sample").Version);

        Directory.Delete(Path.Combine(h.Plugins, "sample"), recursive: true);
        await h.Manager.ScanAsync();
        Assert.Empty(h.Manager.List());
    }

    [Fact]
    public async Task An_upgrade_whose_files_are_broken_keeps_the_running_version()
    {
        await using var h = PluginHarness.Create();
        var folder = h.CopySample(1);
        await h.Manager.LoadAllAsync();

        File.WriteAllText(Path.Combine(folder, "Kairos.Plugins.Sample.dll"), "truncated");
        File.WriteAllText(Path.Combine(folder, "plugin.json"), File.ReadAllText(Path.Combine(folder, "plugin.json")).Replace("\"1.0.0\"", "\"1.0.1\"", StringComparison.Ordinal));
        await h.Manager.ScanAsync();

        var info = h.Info("sample");
        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Equal("1.0.0", info.Version);
        Assert.Contains("version 1.0.1 could not be loaded, 1.0.0 keeps running", info.Reason, StringComparison.Ordinal);
        Assert.True((await h.Host.RunAsync("sample_greet")).Succeeded);
    }

    private static async Task PollAsync(PluginHarness h, Channel<bool> armed)
    {
        h.Time.Advance(h.Options.ScanInterval);
        await armed.NextAsync();
    }
}
