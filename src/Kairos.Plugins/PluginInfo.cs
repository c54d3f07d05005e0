using Kairos.Plugins.Discovery;

namespace Kairos.Plugins;

/// <summary>A plugin as listed by the API.</summary>
public sealed record PluginInfo
{
    /// <summary>The plugin id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name (from the manifest), or the id when the manifest is unreadable.</summary>
    public required string Name { get; init; }

    /// <summary>The version loaded, or the version found on disk when not loaded (null when unreadable).</summary>
    public string? Version { get; init; }

    /// <summary>What it does.</summary>
    public string Description { get; init; } = "";

    /// <summary>Loaded, failed, disabled or unloaded.</summary>
    public required PluginState State { get; init; }

    /// <summary>Why it failed, or a note on its last change (e.g. an upgrade that failed while the old version kept running).</summary>
    public string? Reason { get; init; }

    /// <summary>Which plugins folder it comes from.</summary>
    public required PluginSource Source { get; init; }

    /// <summary>The plugins it depends on, with the accepted version ranges.</summary>
    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = new Dictionary<string, string>();

    /// <summary>The ids of the tasks it provides (when loaded).</summary>
    public IReadOnlyList<string> Tasks { get; init; } = [];

    /// <summary>The settings it declares with their current values; secrets show as <c>***</c>, unset ones as null.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
