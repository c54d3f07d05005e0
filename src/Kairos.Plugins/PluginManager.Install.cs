using Kairos.Plugins.Install;

namespace Kairos.Plugins;

public sealed partial class PluginManager
{
    /// <summary>
    /// Installs (or replaces) a plugin from a zip into the data plugins folder, as <c>&lt;id&gt;/</c>, and loads it
    /// (an upgrade when that id is loaded). The zip is checked and unpacked aside first, so a refused zip
    /// leaves nothing behind.
    /// </summary>
    /// <exception cref="PluginInstallException">The zip is not a usable plugin (the message says why).</exception>
    public async Task<PluginInfo> InstallZipAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        Directory.CreateDirectory(Options.PluginsDirectory);
        // Hidden names: discovery skips them, so a half-written upload is never loaded.
        var staging = Path.Combine(Options.PluginsDirectory, $".staging-{Guid.NewGuid():N}");
        var trash = Path.Combine(Options.PluginsDirectory, $".trash-{Guid.NewGuid():N}");
        try
        {
            var (folder, manifest) = PluginZip.Extract(zip, staging);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var target = Path.Combine(Options.PluginsDirectory, manifest.Id);
                if (Directory.Exists(target))
                {
                    Directory.Move(target, trash);
                }
                Directory.Move(folder, target);
                _state.SetDisabled(manifest.Id, false);
                await ReconcileAsync(null, cancellationToken).ConfigureAwait(false);
                return Get(manifest.Id) ?? throw new PluginInstallException($"plugin '{manifest.Id}' was installed but not found afterwards");
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            TryDeleteDirectory(staging);
            TryDeleteDirectory(trash);
        }
    }
}
