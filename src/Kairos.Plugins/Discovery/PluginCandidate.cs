using Kairos.Plugins.Manifests;

namespace Kairos.Plugins.Discovery;

/// <summary>A plugin folder found on disk: its manifest, or why it cannot be used.</summary>
/// <param name="Id">The manifest's id, or the folder name when the manifest does not parse.</param>
/// <param name="Folder">The folder's full path.</param>
/// <param name="Source">Which plugins folder it is in.</param>
/// <param name="Manifest">The manifest, or null with <paramref name="Error"/>.</param>
/// <param name="Error">Why the folder cannot be loaded.</param>
/// <param name="Stamp">A fingerprint of the folder's files (names, sizes, times): a change means new files.</param>
public sealed record PluginCandidate(string Id, string Folder, PluginSource Source, PluginManifest? Manifest, string? Error, string Stamp);
