using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kairos.Plugins.Discovery;
using Kairos.Plugins.Hosting;
using Kairos.Plugins.Loading;
using Kairos.Plugins.Manifests;
using Kairos.Plugins.Runtime;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;

namespace Kairos.Plugins;

/// <summary>
/// Finds, loads, upgrades and unloads plugins while the server runs. Every change goes through one gate, so
/// the folder watch, uploads and API calls never interleave. A plugin that cannot load is <c>failed</c> with
/// its reason (and so are the plugins depending on it); everything else keeps running.
/// </summary>
/// <remarks>
/// Life of a plugin version: its folder is copied to a shadow folder, loaded into its own collectible load
/// context, configured, given its own service provider, migrated and started (<em>built</em>); then its
/// tasks, subscriptions, endpoints and default jobs go live (<em>activated</em>). Taking it out reverses
/// that: deactivate (new work goes elsewhere or nowhere), drain in-flight work (then cancel it), stop,
/// dispose its provider, unload its context. An upgrade builds the new version first, swaps, then drains
/// the old one; the plugins depending on it are unloaded before and loaded again after.
/// </remarks>
public sealed partial class PluginManager : IAsyncDisposable
{
    private readonly IPluginHost _host;
    private readonly ILogger<PluginManager> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, PluginEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WeakReference> _unloadedContexts = new(StringComparer.Ordinal);
    private readonly PluginStateFile _state;
    private readonly IEventPublisher _lifecycle;
    private int _shadowCounter;

    /// <summary>Creates the manager; nothing is loaded until <see cref="LoadAllAsync"/>.</summary>
    public PluginManager(IPluginHost host, PluginManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        Options = options;
        _logger = host.LoggerFactory.CreateLogger<PluginManager>();
        _state = new PluginStateFile(options.StateFile);
        _lifecycle = host.CreatePublisher("kairos");
    }

    /// <summary>The version of <c>Kairos.Sdk</c> the host provides (checked against each manifest's <c>sdk</c> range).</summary>
    public static NuGetVersion SdkVersion { get; } = new(typeof(TaskPlugin).Assembly.GetName().Version!.ToString(3));

    /// <summary>The options in force.</summary>
    public PluginManagerOptions Options { get; }

    /// <summary>Test hook: called each time the folder watch armed its timer for the next poll.</summary>
    internal Action? WatchArmed { get; set; }

    /// <summary>Test hook: called when a drain starts waiting (its timer armed).</summary>
    internal Action<string>? DrainWaiting { get; set; }

    /// <summary>Loads every plugin found (at server start). Clears shadow copies of a previous process first.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_entries.IsEmpty)
            {
                TryDeleteDirectory(Options.ShadowRoot);
            }
            await ReconcileAsync(null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Looks at the plugins folders once and applies what changed: new folders load, changed ones upgrade, removed ones unload.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReconcileAsync(null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The plugins known now, by id.</summary>
    public IReadOnlyList<PluginInfo> List() => _entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal).Select(Describe).ToList();

    /// <summary>One plugin, or null when unknown.</summary>
    public PluginInfo? Get(string id) => _entries.TryGetValue(id, out var entry) ? Describe(entry) : null;

    /// <summary>Takes a loaded plugin out of service (its dependents first) until reloaded, its files change, or the next start.</summary>
    /// <returns>The plugin afterwards, or null when the id is unknown.</returns>
    public Task<PluginInfo?> UnloadAsync(string id, CancellationToken cancellationToken = default) =>
        UnderGateAsync(id, async entry =>
        {
            await TakeDownAsync(entry, $"dependency '{entry.Id}' was unloaded", cancellationToken).ConfigureAwait(false);
            entry.State = PluginState.Unloaded;
            entry.Reason = "unloaded through the API";
        }, cancellationToken);

    /// <summary>Unloads the plugin and loads its folder again (an upgrade when the version changed); dependents are reloaded after it.</summary>
    public Task<PluginInfo?> ReloadAsync(string id, CancellationToken cancellationToken = default) =>
        UnderGateAsync(id, entry => ReconcileAsync(entry.Id, cancellationToken), cancellationToken);

    /// <summary>Switches a plugin off, persistently (its dependents fail until it is enabled again).</summary>
    public Task<PluginInfo?> DisableAsync(string id, CancellationToken cancellationToken = default) =>
        UnderGateAsync(id, async entry =>
        {
            _state.SetDisabled(entry.Id, true);
            await TakeDownAsync(entry, $"dependency '{entry.Id}' is disabled", cancellationToken).ConfigureAwait(false);
            entry.State = PluginState.Disabled;
            entry.Reason = "disabled by an operator";
        }, cancellationToken);

    /// <summary>Switches a disabled plugin on again and loads it.</summary>
    public Task<PluginInfo?> EnableAsync(string id, CancellationToken cancellationToken = default) =>
        UnderGateAsync(id, entry =>
        {
            _state.SetDisabled(entry.Id, false);
            return ReconcileAsync(entry.Id, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Unloads a plugin and removes it: a plugin in the data folder has its folder deleted; a built-in one (whose
    /// files belong to the server) is marked disabled instead, persistently.
    /// </summary>
    /// <returns>False when the id is unknown.</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var known = false;
        await UnderGateAsync(id, async entry =>
        {
            known = true;
            await TakeDownAsync(entry, $"dependency '{entry.Id}' was deleted", cancellationToken).ConfigureAwait(false);
            var dataFolder = Path.Combine(Options.PluginsDirectory, entry.Id);
            if (entry.Candidate.Source == PluginSource.Data)
            {
                TryDeleteDirectory(entry.Candidate.Folder);
            }
            else if (Directory.Exists(dataFolder) && File.Exists(Path.Combine(dataFolder, PluginManifest.FileName)))
            {
                TryDeleteDirectory(dataFolder);
            }
            if (PluginDiscovery.Discover(Options.BuiltInDirectory, null).ContainsKey(entry.Id))
            {
                _state.SetDisabled(entry.Id, true);
                entry.State = PluginState.Disabled;
                entry.Reason = "deleted through the API (built in: kept disabled)";
            }
            else
            {
                _entries.TryRemove(entry.Id, out _);
            }
        }, cancellationToken).ConfigureAwait(false);
        return known;
    }

    /// <summary>Unloads every plugin (dependents first), e.g. at server shutdown.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var loaded = _entries.Values.Where(e => e.Runtime is not null).Select(e => e.Candidate).ToList();
            var order = DependencyOrder.Sort(loaded, out _);
            foreach (var candidate in Enumerable.Reverse(order))
            {
                if (_entries.TryGetValue(candidate.Id, out var entry) && entry.Runtime is not null)
                {
                    await UnloadRuntimeAsync(entry, publish: false, cancellationToken).ConfigureAwait(false);
                    entry.State = PluginState.Unloaded;
                    entry.Reason = "server stopping";
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Polls the plugins folders every <see cref="PluginManagerOptions.ScanInterval"/> until cancelled; a change is applied once the folders stayed the same for one interval (so half-copied folders are not loaded).</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var applied = PluginDiscovery.Fingerprint(Options.BuiltInDirectory, Options.PluginsDirectory);
        var previous = applied;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var delay = Task.Delay(Options.ScanInterval, _host.Time, cancellationToken);
                WatchArmed?.Invoke();
                await delay.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var current = PluginDiscovery.Fingerprint(Options.BuiltInDirectory, Options.PluginsDirectory);
            if (current != applied && current == previous)
            {
                try
                {
                    await ScanAsync(cancellationToken).ConfigureAwait(false);
                    applied = current;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // the watch must survive any one failed scan
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogScanFailed(ex);
                }
            }
            previous = current;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAllAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>The loaded version of a plugin, for request dispatch; null when not loaded.</summary>
    internal PluginRuntime? GetLoaded(string id) => _entries.TryGetValue(id, out var entry) ? entry.Runtime : null;

    /// <summary>The load context of the plugin's last unloaded version (for tests proving it was collected).</summary>
    internal WeakReference? GetUnloadedContext(string id) => _unloadedContexts.TryGetValue(id, out var reference) ? reference : null;

    private async Task<PluginInfo?> UnderGateAsync(string id, Func<PluginEntry, Task> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                return null;
            }
            await action(entry).ConfigureAwait(false);
            return Get(id);
        }
        finally
        {
            _gate.Release();
        }
    }

    private PluginInfo Describe(PluginEntry entry)
    {
        var runtime = entry.Runtime;
        var manifest = runtime?.Manifest ?? entry.Candidate.Manifest;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var setting in manifest?.Settings ?? [])
        {
            var value = _host.Configuration[$"Plugins:{entry.Id}:{setting.Key}"];
            settings[setting.Key] = value is not null && setting.Secret ? "***" : value;
        }
        return new PluginInfo
        {
            Id = entry.Id,
            Name = manifest?.Name ?? entry.Id,
            Version = manifest?.Version.ToNormalizedString(),
            Description = manifest?.Description ?? "",
            State = entry.State,
            Reason = entry.Reason,
            Source = (runtime?.Candidate ?? entry.Candidate).Source,
            Dependencies = manifest?.Dependencies.ToDictionary(d => d.Key, d => d.Value.ToNormalizedString(), StringComparer.Ordinal) ?? new Dictionary<string, string>(),
            Tasks = runtime?.Tasks.Select(t => t.TaskId).Order(StringComparer.Ordinal).ToList() ?? [],
            Settings = settings,
        };
    }

    private async Task PublishAsync(string type, string id, string? version, string? reason, string? previousVersion = null)
    {
        var data = new JsonObject { ["id"] = id, ["version"] = version };
        if (previousVersion is not null)
        {
            data["previous_version"] = previousVersion;
        }
        if (reason is not null)
        {
            data["reason"] = reason;
        }
        try
        {
            await _lifecycle.PublishAsync(type, data, id).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a lifecycle event that cannot be published must not undo the change it reports
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(ex, type, id);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A shadow copy still mapped on a platform that locks files; the next start cleans it.
        }
    }

    /// <summary>What the manager knows of one plugin id.</summary>
    private sealed class PluginEntry(string id, PluginCandidate candidate)
    {
        public string Id { get; } = id;

        public PluginCandidate Candidate { get; set; } = candidate;

        public PluginState State { get; set; } = PluginState.Failed;

        public string? Reason { get; set; }

        /// <summary>True when the failure depends on other plugins, so any later scan retries it.</summary>
        public bool RetryOnChange { get; set; }

        public PluginRuntime? Runtime { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanning the plugins folders failed")]
    private partial void LogScanFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} for plugin {PluginId}")]
    private partial void LogPublishFailed(Exception ex, string type, string pluginId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} loaded")]
    private partial void LogLoaded(string pluginId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} failed: {Reason}")]
    private partial void LogFailed(string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} unloaded")]
    private partial void LogUnloaded(string pluginId, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version}: {Count} in-flight runs or handlers did not finish within the drain timeout and were cancelled")]
    private partial void LogDrainCancelled(string pluginId, string version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version} did not stop cleanly")]
    private partial void LogStopFailed(Exception ex, string pluginId, string version);
}
