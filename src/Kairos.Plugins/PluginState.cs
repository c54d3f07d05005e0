namespace Kairos.Plugins;

/// <summary>
/// Where a plugin is in its life:
/// <list type="bullet">
/// <item><c>loaded</c>: running; its tasks, handlers and endpoints are live.</item>
/// <item><c>failed</c>: could not be loaded (see the reason); the rest of the server runs on. A change to its
/// folder, or to the plugins it depends on, retries it.</item>
/// <item><c>disabled</c>: switched off by an operator; stays off across restarts until enabled.</item>
/// <item><c>unloaded</c>: taken out of service through the API; loads again on reload, on a change of its
/// files, or at the next start.</item>
/// </list>
/// A folder that disappears takes its plugin out of the list.
/// </summary>
public enum PluginState
{
    /// <summary>Running.</summary>
    Loaded,

    /// <summary>Could not be loaded.</summary>
    Failed,

    /// <summary>Switched off by an operator.</summary>
    Disabled,

    /// <summary>Taken out of service through the API.</summary>
    Unloaded,
}
