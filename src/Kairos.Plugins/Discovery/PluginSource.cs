namespace Kairos.Plugins.Discovery;

/// <summary>Where a plugin folder was found.</summary>
public enum PluginSource
{
    /// <summary>The server's own <c>plugins</c> folder beside its assembly (never modified by the API).</summary>
    BuiltIn,

    /// <summary>The data plugins folder (<c>KAIROS_PLUGINS_DIR</c>, default <c>&lt;data&gt;/plugins</c>).</summary>
    Data,
}
