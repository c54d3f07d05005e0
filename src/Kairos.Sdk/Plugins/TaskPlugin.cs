namespace Kairos.Sdk.Plugins;

/// <summary>
/// The entry point of a plugin: its identity and what it contributes. A plugin assembly holds exactly one
/// public, non-abstract subclass with a parameterless constructor. The host creates it, calls
/// <see cref="Configure"/> once, builds the plugin's own service provider, then calls <see cref="StartAsync"/>;
/// at unload it calls <see cref="StopAsync"/> and disposes the provider.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyPlugin : TaskPlugin
/// {
///     public override string Id => "my_plugin";
///     public override string Name => "My plugin";
///     public override string Version => "1.0.0";
///     public override string Description => "Does my work";
///
///     public override void Configure(IPluginBuilder plugin) => plugin.AddTask&lt;MyTask&gt;();
/// }
/// </code>
/// </example>
public abstract class TaskPlugin
{
    /// <summary>The plugin id: 1–50 of <c>a-z</c>, <c>0-9</c> and <c>_</c>, starting with a letter; equal to <c>id</c> in <c>plugin.json</c>.</summary>
    public abstract string Id { get; }

    /// <summary>A human-readable name.</summary>
    public abstract string Name { get; }

    /// <summary>The plugin's SemVer version; equal to <c>version</c> in <c>plugin.json</c>.</summary>
    public abstract string Version { get; }

    /// <summary>What the plugin does.</summary>
    public virtual string Description => "";

    /// <summary>
    /// Declares everything the plugin contributes: tasks, event subscriptions, HTTP endpoints, default jobs,
    /// database migrations, exported services, and its own services. Called once per load, before any of
    /// the plugin's services exist; an exception here fails the plugin with its message.
    /// </summary>
    public abstract void Configure(IPluginBuilder plugin);

    /// <summary>
    /// Called after the plugin's services are built and its migrations applied, before its tasks, handlers
    /// and endpoints go live. An exception fails the plugin (and the plugins that depend on it).
    /// </summary>
    /// <param name="services">The plugin's own service provider.</param>
    /// <param name="cancellationToken">Cancelled when the host gives up waiting.</param>
    public virtual Task StartAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called at unload (and upgrade) after the plugin's runs drained, before its services are disposed:
    /// stop timers and background work here, or the plugin's code cannot be unloaded.
    /// </summary>
    /// <param name="services">The plugin's own service provider.</param>
    /// <param name="cancellationToken">Cancelled when the host gives up waiting.</param>
    public virtual Task StopAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
