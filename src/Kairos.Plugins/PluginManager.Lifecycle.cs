using Kairos.Plugins.Discovery;
using Kairos.Plugins.Loading;
using Kairos.Plugins.Runtime;
using Kairos.Plugins.Unloading;

namespace Kairos.Plugins;

public sealed partial class PluginManager
{
    /// <summary>Brings the loaded set in line with the folders; <paramref name="forceId"/> is reloaded even if unchanged.</summary>
    private async Task ReconcileAsync(string? forceId, CancellationToken cancellationToken)
    {
        var found = PluginDiscovery.Discover(Options.BuiltInDirectory, Options.PluginsDirectory);

        foreach (var entry in _entries.Values.Where(e => !found.ContainsKey(e.Id)).ToList())
        {
            await TakeDownAsync(entry, $"dependency '{entry.Id}' was removed", cancellationToken).ConfigureAwait(false);
            _entries.TryRemove(entry.Id, out _);
        }

        var upgrades = new List<PluginCandidate>();
        var loads = new List<PluginCandidate>();
        foreach (var candidate in found.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var entry = _entries.GetOrAdd(candidate.Id, id => new PluginEntry(id, candidate) { State = PluginState.Unloaded });
            var isNew = entry.Runtime is null && entry.State == PluginState.Unloaded && entry.Reason is null;
            if (_state.IsDisabled(candidate.Id))
            {
                await TakeDownAsync(entry, $"dependency '{entry.Id}' is disabled", cancellationToken).ConfigureAwait(false);
                entry.Candidate = candidate;
                entry.State = PluginState.Disabled;
                entry.Reason = "disabled by an operator";
                continue;
            }
            var changed = entry.Candidate.Stamp != candidate.Stamp || entry.Candidate.Folder != candidate.Folder || candidate.Id == forceId;
            if (candidate.Manifest is null)
            {
                if (changed || isNew || entry.State != PluginState.Failed)
                {
                    await TakeDownAsync(entry, $"dependency '{entry.Id}' failed", cancellationToken).ConfigureAwait(false);
                    entry.Candidate = candidate;
                    await SetFailedAsync(entry, candidate.Error!, retryOnChange: false).ConfigureAwait(false);
                }
                continue;
            }
            switch (entry.State)
            {
                case PluginState.Loaded when changed:
                    upgrades.Add(candidate);
                    break;
                case PluginState.Failed when changed || entry.RetryOnChange:
                case PluginState.Unloaded when changed || isNew:
                case PluginState.Disabled:
                    loads.Add(candidate);
                    break;
            }
        }

        foreach (var candidate in upgrades)
        {
            await UpgradeAsync(candidate, cancellationToken).ConfigureAwait(false);
        }
        await LoadManyAsync(loads, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoadManyAsync(IReadOnlyCollection<PluginCandidate> candidates, CancellationToken cancellationToken)
    {
        var order = DependencyOrder.Sort(candidates, out var cycles);
        foreach (var (id, reason) in cycles)
        {
            var entry = _entries[id];
            entry.Candidate = candidates.First(c => c.Id == id);
            await SetFailedAsync(entry, reason, retryOnChange: true).ConfigureAwait(false);
        }
        foreach (var candidate in order)
        {
            var entry = _entries[candidate.Id];
            entry.Candidate = candidate;
            if (CheckDependencies(candidate) is { } problem)
            {
                await SetFailedAsync(entry, problem, retryOnChange: true).ConfigureAwait(false);
                continue;
            }
            try
            {
                var runtime = await BuildAsync(candidate, cancellationToken).ConfigureAwait(false);
                await ActivateAsync(entry, runtime, cancellationToken).ConfigureAwait(false);
                var version = runtime.Version.ToNormalizedString();
                LogLoaded(entry.Id, version);
                await PublishAsync("plugin.loaded", entry.Id, version, null).ConfigureAwait(false);
            }
            catch (PluginLoadException ex)
            {
                await SetFailedAsync(entry, ex.Message, retryOnChange: false).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces a loaded plugin by the version in <paramref name="candidate"/>; its dependents are reloaded after.</summary>
    private async Task UpgradeAsync(PluginCandidate candidate, CancellationToken cancellationToken)
    {
        var entry = _entries[candidate.Id];
        var old = entry.Runtime!;
        var dependents = LoadedDependents(entry.Id);
        foreach (var dependent in Enumerable.Reverse(dependents))
        {
            await UnloadRuntimeAsync(_entries[dependent.Id], publish: true, cancellationToken).ConfigureAwait(false);
        }

        PluginRuntime? next = null;
        string? problem = CheckDependencies(candidate);
        if (problem is null)
        {
            try
            {
                next = await BuildAsync(candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (PluginLoadException ex)
            {
                problem = ex.Message;
            }
        }
        if (next is null)
        {
            // The running version stays: the new files are broken, not the plugin.
            entry.Candidate = candidate;
            entry.Reason = $"version {candidate.Manifest!.Version.ToNormalizedString()} could not be loaded, {old.Version.ToNormalizedString()} keeps running: {problem}";
            LogFailed(entry.Id, entry.Reason);
            await PublishAsync("plugin.failed", entry.Id, candidate.Manifest.Version.ToNormalizedString(), problem).ConfigureAwait(false);
        }
        else
        {
            await DeactivateAsync(old, cancellationToken).ConfigureAwait(false);
            try
            {
                await ActivateAsync(entry, next, cancellationToken).ConfigureAwait(false);
                var version = next.Version.ToNormalizedString();
                var previous = old.Version.ToNormalizedString();
                LogLoaded(entry.Id, version);
                await (version == previous
                    ? PublishAsync("plugin.loaded", entry.Id, version, null)
                    : PublishAsync("plugin.upgraded", entry.Id, version, null, previous)).ConfigureAwait(false);
            }
            catch (PluginLoadException ex)
            {
                entry.Runtime = null;
                await SetFailedAsync(entry, ex.Message, retryOnChange: false).ConfigureAwait(false);
            }
            await TeardownAsync(old, drain: true).ConfigureAwait(false);
        }
        await LoadManyAsync(dependents, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unloads a plugin and, before it, every plugin depending on it (those become failed with <paramref name="dependentReason"/>).</summary>
    private async Task TakeDownAsync(PluginEntry entry, string dependentReason, CancellationToken cancellationToken)
    {
        if (entry.Runtime is null)
        {
            return;
        }
        var dependents = LoadedDependents(entry.Id);
        foreach (var dependent in Enumerable.Reverse(dependents))
        {
            var dependentEntry = _entries[dependent.Id];
            await UnloadRuntimeAsync(dependentEntry, publish: true, cancellationToken).ConfigureAwait(false);
            await SetFailedAsync(dependentEntry, dependentReason, retryOnChange: true).ConfigureAwait(false);
        }
        await UnloadRuntimeAsync(entry, publish: true, cancellationToken).ConfigureAwait(false);
        entry.State = PluginState.Unloaded;
    }

    private async Task UnloadRuntimeAsync(PluginEntry entry, bool publish, CancellationToken cancellationToken)
    {
        if (entry.Runtime is not { } runtime)
        {
            return;
        }
        await DeactivateAsync(runtime, cancellationToken).ConfigureAwait(false);
        entry.Runtime = null;
        entry.State = PluginState.Unloaded;
        await TeardownAsync(runtime, drain: true).ConfigureAwait(false);
        var version = runtime.Version.ToNormalizedString();
        LogUnloaded(entry.Id, version);
        if (publish)
        {
            await PublishAsync("plugin.unloaded", entry.Id, version, null).ConfigureAwait(false);
        }
    }

    /// <summary>The loaded plugins that depend on <paramref name="id"/>, directly or not, dependencies first.</summary>
    private List<PluginCandidate> LoadedDependents(string id)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([id]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var entry in _entries.Values)
            {
                if (entry.Runtime is { } runtime && runtime.Manifest.Dependencies.ContainsKey(current) && found.Add(entry.Id))
                {
                    pending.Enqueue(entry.Id);
                }
            }
        }
        return DependencyOrder.Sort(found.Select(d => _entries[d].Runtime!.Candidate), out _);
    }

    private string? CheckDependencies(PluginCandidate candidate)
    {
        var manifest = candidate.Manifest!;
        if (!manifest.Sdk.Satisfies(SdkVersion))
        {
            return $"needs Kairos.Sdk {manifest.Sdk.ToNormalizedString()}, but this server provides {SdkVersion.ToNormalizedString()}";
        }
        foreach (var (dependencyId, range) in manifest.Dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!_entries.TryGetValue(dependencyId, out var dependency))
            {
                return $"dependency '{dependencyId}' {range.ToNormalizedString()} is missing: no plugin with that id is installed";
            }
            if (dependency.Runtime is not { } loaded)
            {
                var state = dependency.State.ToString().ToLowerInvariant();
                return $"dependency '{dependencyId}' is {state}" + (dependency.Reason is { } why && dependency.State != PluginState.Disabled ? $" ({why})" : "");
            }
            if (!range.Satisfies(loaded.Version))
            {
                return $"dependency '{dependencyId}' must be {range.ToNormalizedString()}, but version {loaded.Version.ToNormalizedString()} is installed";
            }
        }
        return null;
    }

    private async Task SetFailedAsync(PluginEntry entry, string reason, bool retryOnChange)
    {
        entry.RetryOnChange = retryOnChange;
        var unchanged = entry.State == PluginState.Failed && entry.Reason == reason;
        entry.State = PluginState.Failed;
        entry.Reason = reason;
        if (!unchanged)
        {
            LogFailed(entry.Id, reason);
            await PublishAsync("plugin.failed", entry.Id, entry.Candidate.Manifest?.Version.ToNormalizedString(), reason).ConfigureAwait(false);
        }
    }

    /// <summary>Makes a built plugin live: tasks, subscriptions, default jobs, endpoints.</summary>
    private async Task ActivateAsync(PluginEntry entry, PluginRuntime runtime, CancellationToken cancellationToken)
    {
        try
        {
            await _host.RegisterTasksAsync(runtime.PluginId, runtime.Version.ToNormalizedString(), runtime.Tasks, runtime.Services, cancellationToken).ConfigureAwait(false);
            foreach (var subscription in runtime.Subscriptions)
            {
                runtime.SubscriptionHandles.Add(PluginEventSubscriber.SubscribeThroughHost(_host, runtime, subscription.Pattern, subscription.Handler, subscription.Options));
            }
            if (runtime.Jobs.Count > 0)
            {
                await _host.EnsureJobsAsync(runtime.PluginId, runtime.Jobs, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DeactivateAsync(runtime, cancellationToken).ConfigureAwait(false);
            await TeardownAsync(runtime, drain: true).ConfigureAwait(false);
            throw new PluginLoadException($"the host refused the plugin's tasks, subscriptions or jobs: {ex.Message}", ex);
        }
        entry.Runtime = runtime;
        entry.Candidate = runtime.Candidate;
        entry.State = PluginState.Loaded;
        entry.Reason = null;
        entry.RetryOnChange = false;
    }

    /// <summary>Takes a plugin version out of service; in-flight work goes on until drained.</summary>
    private async Task DeactivateAsync(PluginRuntime runtime, CancellationToken cancellationToken)
    {
        await runtime.Stopping.CancelAsync().ConfigureAwait(false);
        await _host.UnregisterTasksAsync(runtime.PluginId, cancellationToken).ConfigureAwait(false);
        foreach (var subscription in runtime.SubscriptionHandles)
        {
            subscription.Dispose();
        }
        runtime.SubscriptionHandles.Clear();
    }

    /// <summary>Drains, stops and disposes a plugin version and unloads its load context.</summary>
    private async Task TeardownAsync(PluginRuntime runtime, bool drain)
    {
        var version = runtime.Version.ToNormalizedString();
        if (drain)
        {
            var cancelled = await runtime.Activity.DrainAsync(Options.DrainTimeout, Options.CancelGrace, _host.Time, () => DrainWaiting?.Invoke(runtime.PluginId)).ConfigureAwait(false);
            if (cancelled > 0)
            {
                LogDrainCancelled(runtime.PluginId, version, cancelled);
            }
        }
        else
        {
            await runtime.Activity.DrainAsync(TimeSpan.Zero, Options.CancelGrace, _host.Time).ConfigureAwait(false);
        }
        try
        {
            await PluginBuild.StopAsync(runtime, Options.StartStopTimeout, _host.Time).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a plugin that fails to stop is still unloaded
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStopFailed(ex, runtime.PluginId, version);
        }
        runtime.Activity.Dispose();
        runtime.Stopping.Dispose();
        var context = runtime.Context;
        runtime.Release();
        context.Unload();
        _unloadedContexts[runtime.PluginId] = new WeakReference(context);
        HostCacheFlusher.Flush();
        TryDeleteDirectory(runtime.ShadowFolder);
    }

    private async Task<PluginRuntime> BuildAsync(PluginCandidate candidate, CancellationToken cancellationToken)
    {
        var manifest = candidate.Manifest!;
        var dependencies = manifest.Dependencies.Keys.Select(d => _entries[d].Runtime!).ToList();
        var shadow = Path.Combine(Options.ShadowRoot, $"{manifest.Id}-{manifest.Version.ToNormalizedString()}-{Environment.ProcessId}-{Interlocked.Increment(ref _shadowCounter)}");
        try
        {
            CopyDirectory(candidate.Folder, shadow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException($"could not copy the plugin folder '{candidate.Folder}': {ex.Message}", ex);
        }
        var context = new PluginLoadContext(manifest.Id, manifest.Version.ToNormalizedString(), Path.Combine(shadow, manifest.Assembly), dependencies.Select(d => d.Context).ToList());
        var runtime = new PluginRuntime(candidate, manifest, context, shadow);
        try
        {
            var otherTasks = _entries.Values.Where(e => e.Id != manifest.Id && e.Runtime is not null)
                .SelectMany(e => e.Runtime!.Tasks.Select(t => (t.TaskId, e.Id)))
                .ToDictionary(t => t.TaskId, t => t.Id, StringComparer.Ordinal);
            await PluginBuild.BuildAsync(runtime, dependencies, _host, Options, otherTasks, cancellationToken).ConfigureAwait(false);
            return runtime;
        }
        catch (Exception ex)
        {
            await TeardownAsync(runtime, drain: false).ConfigureAwait(false);
            throw ex as PluginLoadException ?? new PluginLoadException($"unexpected failure while loading: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
