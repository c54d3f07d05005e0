using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kairos.Plugins.Database;
using Kairos.Plugins.Hosting;
using Kairos.Plugins.Http;
using Kairos.Plugins.Manifests;
using Kairos.Plugins.Runtime;
using Kairos.Sdk;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NuGet.Versioning;

namespace Kairos.Plugins.Loading;

/// <summary>
/// Builds one plugin version inside its load context: finds its plugin class, runs <c>Configure</c>, builds
/// its service provider, checks what it declared, applies its migrations and starts it. Every problem
/// becomes a <see cref="PluginLoadException"/> whose message is the plugin's reason.
/// </summary>
internal static partial class PluginBuild
{
    public static async Task BuildAsync(PluginRuntime runtime, IReadOnlyList<PluginRuntime> dependencies, IPluginHost host,
        PluginManagerOptions options, IReadOnlyDictionary<string, string> otherTasks, CancellationToken cancellationToken)
    {
        var manifest = runtime.Manifest;
        var plugin = CreatePlugin(runtime, manifest);
        runtime.Plugin = plugin;
        runtime.JsonOptions = PluginServices.CreateJsonOptions();
        runtime.Settings = PluginServices.SnapshotSettings(host.Configuration, manifest.Id);

        var services = new ServiceCollection();
        PluginServices.AddHostServices(services, host, runtime, dependencies);
        var builder = new PluginBuilder(manifest.Id, manifest.Version.ToNormalizedString(), services, runtime.Settings, host.DatabaseDialect);
        try
        {
            using (KairosJson.UseOptions(runtime.JsonOptions))
            {
                plugin.Configure(builder);
            }
        }
        catch (Exception ex)
        {
            throw new PluginLoadException($"Configure threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        var problems = new List<string>();
        problems.AddRange(PluginMigrator.Check(manifest.Id, builder.Migrations));
        var jobs = ReadJobs(manifest.Id, builder.Jobs, problems);
        if (problems.Count > 0)
        {
            throw new PluginLoadException(string.Join("; ", problems));
        }

        ServiceProvider provider;
        try
        {
            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = false });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new PluginLoadException($"its services cannot be built: {ex.Message}", ex);
        }
        runtime.Services = provider;

        var tasks = ResolveTasks(builder, provider, otherTasks);
        foreach (var exported in builder.Exports)
        {
            if (provider.GetService(exported) is null)
            {
                throw new PluginLoadException($"exports {exported.FullName} but does not register it in its Services");
            }
        }
        runtime.Tasks = tasks.Select(t => (IScheduledTask)new PluginTaskAdapter(t, runtime, options.DrainTimeout)).ToList();
        runtime.Exports = builder.Exports;
        runtime.Subscriptions = builder.Subscriptions;
        runtime.Jobs = jobs;

        if (builder.Migrations.Count > 0)
        {
            try
            {
                var connection = await host.OpenDatabaseAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await PluginMigrator.ApplyAsync(connection, manifest.Id, builder.Migrations, host.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new PluginLoadException($"database migration failed: {ex.Message}", ex);
            }
        }

        runtime.Started = true;
        try
        {
            await RunPluginCodeAsync(runtime, () => plugin.StartAsync(provider, runtime.Stopping.Token), options.StartStopTimeout, host.Time).ConfigureAwait(false);
            var hosted = provider.GetServices<IHostedService>().ToList();
            runtime.HostedServices = hosted;
            foreach (var service in hosted)
            {
                await RunPluginCodeAsync(runtime, () => service.StartAsync(runtime.Stopping.Token), options.StartStopTimeout, host.Time).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            throw new PluginLoadException($"StartAsync threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        if (builder.EndpointMaps.Count > 0)
        {
            try
            {
                runtime.Router = PluginRouterFactory.Build(provider, builder.EndpointMaps);
            }
            catch (Exception ex)
            {
                throw new PluginLoadException($"its endpoints cannot be mapped: {ex.GetType().Name}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Stops a plugin version (hosted services, then the plugin) and disposes its services.</summary>
    public static async Task StopAsync(PluginRuntime runtime, TimeSpan timeout, TimeProvider time)
    {
        List<Exception> errors = [];
        if (runtime.Started)
        {
            foreach (var service in Enumerable.Reverse(runtime.HostedServices))
            {
                await Try(() => RunPluginCodeAsync(runtime, () => service.StopAsync(CancellationToken.None), timeout, time)).ConfigureAwait(false);
            }
            if (runtime.Plugin is { } plugin)
            {
                var services = runtime.Services;
                await Try(() => RunPluginCodeAsync(runtime, () => plugin.StopAsync(services, CancellationToken.None), timeout, time)).ConfigureAwait(false);
            }
        }
        if (runtime.Services is IAsyncDisposable disposable)
        {
            await Try(() => disposable.DisposeAsync().AsTask()).ConfigureAwait(false);
        }
        (runtime.Settings as IDisposable)?.Dispose();
        if (errors.Count > 0)
        {
            throw new AggregateException(errors);
        }

        async Task Try(Func<Task> action)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // collected and reported together; stopping goes on
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.Add(ex);
            }
        }
    }

    private static async Task RunPluginCodeAsync(PluginRuntime runtime, Func<Task> code, TimeSpan timeout, TimeProvider time)
    {
        Task work;
        using (KairosJson.UseOptions(runtime.JsonOptions))
        {
            work = code();
        }
        await work.WaitAsync(timeout, time).ConfigureAwait(false);
    }

    private static TaskPlugin CreatePlugin(PluginRuntime runtime, PluginManifest manifest)
    {
        Assembly assembly;
        try
        {
            assembly = runtime.Context.LoadMain();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException($"assembly '{manifest.Assembly}' failed to load: {ex.Message}", ex);
        }
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var detail = ex is ReflectionTypeLoadException rtl ? string.Join("; ", rtl.LoaderExceptions.Select(e => e?.Message).Distinct()) : ex.Message;
            throw new PluginLoadException($"assembly '{manifest.Assembly}' failed to load its types: {detail}", ex);
        }
        var candidates = types.Where(t => t.IsClass && !t.IsAbstract && typeof(TaskPlugin).IsAssignableFrom(t)).ToList();
        if (candidates.Count == 0)
        {
            throw new PluginLoadException($"assembly '{manifest.Assembly}' has no plugin class (a public, non-abstract class deriving from {typeof(TaskPlugin).FullName})");
        }
        if (candidates.Count > 1)
        {
            throw new PluginLoadException($"assembly '{manifest.Assembly}' has several plugin classes ({string.Join(", ", candidates.Select(t => t.FullName))}); keep one");
        }
        TaskPlugin plugin;
        try
        {
            plugin = (TaskPlugin)Activator.CreateInstance(candidates[0])!;
        }
        catch (Exception ex) when (ex is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            throw new PluginLoadException($"plugin class {candidates[0].FullName} cannot be created: {(ex as TargetInvocationException)?.InnerException?.Message ?? ex.Message}", ex);
        }
        if (plugin.Id != manifest.Id)
        {
            throw new PluginLoadException($"the plugin class says id '{plugin.Id}' but {PluginManifest.FileName} says '{manifest.Id}'");
        }
        if (!NuGetVersion.TryParse(plugin.Version, out var version) || version != manifest.Version)
        {
            throw new PluginLoadException($"the plugin class says version '{plugin.Version}' but {PluginManifest.FileName} says '{manifest.Version.ToNormalizedString()}'");
        }
        return plugin;
    }

    private static List<IScheduledTask> ResolveTasks(PluginBuilder builder, IServiceProvider provider, IReadOnlyDictionary<string, string> otherTasks)
    {
        var tasks = new List<IScheduledTask>(builder.TaskInstances);
        foreach (var type in builder.TaskTypes)
        {
            try
            {
                tasks.Add((IScheduledTask)provider.GetRequiredService(type));
            }
            catch (Exception ex) when (ex is InvalidOperationException or TargetInvocationException)
            {
                throw new PluginLoadException($"task {type.FullName} cannot be created from the plugin's services: {ex.Message}", ex);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (string.IsNullOrEmpty(task.TaskId) || !TaskIdPattern().IsMatch(task.TaskId))
            {
                throw new PluginLoadException($"task id '{task.TaskId}' must be 1–100 of a-z, 0-9, '_' and '.'");
            }
            if (!seen.Add(task.TaskId))
            {
                throw new PluginLoadException($"task id '{task.TaskId}' is registered twice");
            }
            if (otherTasks.TryGetValue(task.TaskId, out var owner))
            {
                throw new PluginLoadException($"task id '{task.TaskId}' is already provided by plugin '{owner}'");
            }
        }
        return tasks;
    }

    private static List<PluginJobSeed> ReadJobs(string pluginId, IReadOnlyList<PluginJob> jobs, List<string> problems)
    {
        var seeds = new List<PluginJobSeed>();
        foreach (var job in jobs)
        {
            var jobId = $"{pluginId}_{job.Name}";
            if (!JobNamePattern().IsMatch(job.Name ?? "") || jobId.Length > 100)
            {
                problems.Add($"job '{job.Name}': the name must be letters, digits, '_', '.' or '-' (and the job id at most 100 characters)");
                continue;
            }
            var schedule = ReadObject(job.ScheduleJson, $"job '{job.Name}' schedule", problems, required: true);
            var config = ReadObject(job.ConfigJson, $"job '{job.Name}' config", problems, required: false);
            var jobOptions = ReadObject(job.OptionsJson, $"job '{job.Name}' options", problems, required: false);
            if (string.IsNullOrWhiteSpace(job.TaskId))
            {
                problems.Add($"job '{job.Name}': a task id is required");
            }
            if (schedule is not null && config is not null && jobOptions is not null && seeds.All(s => s.JobId != jobId))
            {
                seeds.Add(new PluginJobSeed(jobId, pluginId, job.TaskId, schedule, config, jobOptions));
            }
            else if (seeds.Any(s => s.JobId == jobId))
            {
                problems.Add($"job '{job.Name}' is declared twice");
            }
        }
        return seeds;
    }

    private static JsonObject? ReadObject(string? json, string what, List<string> problems, bool required)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            if (required)
            {
                problems.Add($"{what} is required");
                return null;
            }
            return [];
        }
        try
        {
            if (JsonNode.Parse(json) is JsonObject value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
        }
        problems.Add($"{what} must be a JSON object: {json}");
        return null;
    }

    [GeneratedRegex("^[a-z0-9_.]{1,100}$")]
    private static partial Regex TaskIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex JobNamePattern();
}
