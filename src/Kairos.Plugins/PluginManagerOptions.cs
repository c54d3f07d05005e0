namespace Kairos.Plugins;

/// <summary>Where plugins come from and how they are swapped.</summary>
public sealed record PluginManagerOptions
{
    /// <summary>The built-in plugins folder (default <c>&lt;AppContext.BaseDirectory&gt;/plugins</c>); never modified.</summary>
    public string BuiltInDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The data plugins folder (<c>KAIROS_PLUGINS_DIR</c>, default <c>&lt;data&gt;/plugins</c>): watched, and where uploads go.</summary>
    public required string PluginsDirectory { get; init; }

    /// <summary>The data folder: <c>plugins-state.json</c> (disabled plugins) and the shadow copies live here.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where loaded plugins are copied before loading (default <c>&lt;data&gt;/.plugins-shadow</c>), so their folders can be replaced while loaded.</summary>
    public string? ShadowDirectory { get; init; }

    /// <summary>How long in-flight runs of an unloaded or replaced version may take before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long cancelled work gets to end before the unload goes on without it.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a plugin's <c>StartAsync</c>/<c>StopAsync</c> may take.</summary>
    public TimeSpan StartStopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the plugins folders are polled for changes.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Allows installing plugins as a zip over HTTP (<c>KAIROS_PLUGIN_UPLOAD=true</c>).</summary>
    public bool AllowUpload { get; init; }

    /// <summary>The largest accepted zip upload.</summary>
    public long MaxUploadBytes { get; init; } = 100 * 1024 * 1024;

    internal string ShadowRoot => ShadowDirectory ?? Path.Combine(DataDirectory, ".plugins-shadow");

    internal string StateFile => Path.Combine(DataDirectory, "plugins-state.json");
}
