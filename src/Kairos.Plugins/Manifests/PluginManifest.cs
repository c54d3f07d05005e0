using NuGet.Versioning;

namespace Kairos.Plugins.Manifests;

/// <summary>A plugin's <c>plugin.json</c>, read and checked.</summary>
public sealed record PluginManifest
{
    /// <summary>The file name every plugin folder holds.</summary>
    public const string FileName = "plugin.json";

    /// <summary>The plugin id (<c>a-z</c>, <c>0-9</c>, <c>_</c>; starts with a letter; at most 50 characters).</summary>
    public required string Id { get; init; }

    /// <summary>A human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's SemVer version.</summary>
    public required NuGetVersion Version { get; init; }

    /// <summary>What the plugin does.</summary>
    public string Description { get; init; } = "";

    /// <summary>The file name of the plugin's main assembly inside its folder.</summary>
    public required string Assembly { get; init; }

    /// <summary>The versions of <c>Kairos.Sdk</c> the plugin works with.</summary>
    public required VersionRange Sdk { get; init; }

    /// <summary>The plugins it depends on, with the versions it accepts.</summary>
    public IReadOnlyDictionary<string, VersionRange> Dependencies { get; init; } = new Dictionary<string, VersionRange>();

    /// <summary>The settings it reads (under <c>Plugins:&lt;id&gt;</c>).</summary>
    public IReadOnlyList<PluginSettingDeclaration> Settings { get; init; } = [];
}

/// <summary>A setting a plugin reads, and whether its value is secret (redacted everywhere).</summary>
/// <param name="Key">The key under <c>Plugins:&lt;id&gt;</c> (e.g. <c>ApiToken</c>).</param>
/// <param name="Secret">True when the value must never be shown.</param>
/// <param name="Description">What it means.</param>
public sealed record PluginSettingDeclaration(string Key, bool Secret, string? Description);
