using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Kairos.Conditions.Calendars;
using Kairos.Sdk;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Kairos.Testing.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Plugins.Portfolio.Tests.Support.Hosting;

/// <summary>
/// Runs plugins in-process the way the plugin host does: each plugin gets its own service provider with the host
/// services (its database over one real SQLite file, the CN/US trading calendars, a fake clock, HTTP clients with
/// the standard pipeline, an event publisher, its settings), the services exported by its dependencies, its
/// migrations applied in order, its tasks resolved from its services, and its endpoints served by real Kestrel under
/// <c>/api/v1/plugins/{id}/</c>.
/// </summary>
internal sealed partial class PluginTestHost : IAsyncDisposable
{
    private readonly List<LoadedPlugin> _plugins = [];
    private WebApplication? _web;

    public PluginTestHost(DateTimeOffset now)
    {
        Directory.CreateDirectory(Folder);
        Time = new FakeTimeProvider(now);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kairos-plugin-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "kairos.db");

    public FakeTimeProvider Time { get; }

    public LogCapture Logs { get; } = new();

    public List<KairosEvent> Events { get; } = [];

    /// <summary>The shipped calendars (copied to the test output by the Kairos.Conditions reference).</summary>
    public ITradingCalendar Calendar { get; } = TradingCalendarLoader.Load([TradingCalendarLoader.ShippedDirectory]);

    public HttpClient? Http { get; private set; }

    public IReadOnlyList<KairosEvent> EventsOfType(string type)
    {
        lock (Events)
        {
            return Events.Where(e => e.Type == type).ToArray();
        }
    }

    /// <summary>Configures, migrates, builds and starts a plugin (its dependencies loaded before).</summary>
    public async Task<LoadedPlugin> LoadAsync(TaskPlugin plugin, IDictionary<string, string?>? settings = null, params LoadedPlugin[] dependencies)
    {
        var id = plugin.Id;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var jsonOptions = CreateJsonOptions();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddOptions();
        services.AddSingleton<IConfiguration>(configuration);
        var database = new SqliteTestDatabase(DatabasePath, id);
        services.AddSingleton<IPluginDatabase>(database);
        services.AddSingleton(Calendar);
        services.AddSingleton<IEventPublisher>(new RecordingEventPublisher(id, jsonOptions, Time, Events));
        services.AddSingleton<IPluginContext>(new TestPluginContext(id, plugin.Version, jsonOptions, configuration));
        services.AddKairosHttpClientDefaults();
        services.AddRouting();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => ApplyConventions(o.SerializerOptions));
        services.AddSingleton(_ => new DiagnosticListener("Kairos.Plugins.Tests." + id));
        foreach (var dependency in dependencies)
        {
            foreach (var exported in dependency.Builder.Exports)
            {
                services.AddSingleton(exported, dependency.Services.GetRequiredService(exported));
            }
        }

        var builder = new TestPluginBuilder(id, plugin.Version, services, configuration);
        plugin.Configure(builder);
        await MigrateAsync(database, id, builder.Migrations);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await plugin.StartAsync(provider, CancellationToken.None);
        var tasks = builder.TaskInstances.Concat(builder.TaskTypes.Select(t => (IScheduledTask)provider.GetRequiredService(t))).ToList();
        var app = new ApplicationBuilder(provider);
        app.UseRouting();
        app.UseEndpoints(endpoints => builder.EndpointMaps.ForEach(map => map(endpoints)));
        var loaded = new LoadedPlugin(this, plugin, builder, provider, tasks, app.Build(), jsonOptions);
        _plugins.Add(loaded);
        return loaded;
    }

    /// <summary>Starts Kestrel on 127.0.0.1 (port chosen by the OS) serving every loaded plugin's endpoints.</summary>
    public async Task<HttpClient> StartHttpAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting();
        _web = builder.Build();
        _web.UseRouting();
        _web.Map("/api/v1/plugins/{plugin_id}/{**path}", DispatchAsync);
        await _web.StartAsync();
        var address = _web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        return Http;
    }

    /// <summary>As the host: the prefix becomes PathBase, the plugin's services become RequestServices, its JSON options are current.</summary>
    private async Task DispatchAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["plugin_id"] as string ?? "";
        var plugin = _plugins.LastOrDefault(p => p.Id == id);
        if (plugin is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        var request = context.Request;
        var (pathBase, path, routeValues, endpoint, services) = (request.PathBase, request.Path, request.RouteValues, context.GetEndpoint(), context.RequestServices);
        var prefix = new PathString($"/api/v1/plugins/{id}");
        request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var remaining);
        await using var scope = plugin.Services.CreateAsyncScope();
        try
        {
            request.PathBase = pathBase.Add(prefix);
            request.Path = remaining.HasValue ? remaining : new PathString("/");
            request.RouteValues = [];
            context.SetEndpoint(null);
            context.RequestServices = scope.ServiceProvider;
            Task work;
            using (KairosJson.UseOptions(plugin.JsonOptions))
            {
                work = plugin.Router(context);
            }
            await work;
        }
        finally
        {
            request.PathBase = pathBase;
            request.Path = path;
            request.RouteValues = routeValues;
            context.SetEndpoint(endpoint);
            context.RequestServices = services;
        }
    }

    private async Task MigrateAsync(SqliteTestDatabase database, string pluginId, List<PluginMigration> migrations)
    {
        await using var connection = await database.OpenConnectionAsync();
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            var foreign = ForeignObjects(migration.Sql, pluginId + "_");
            if (foreign.Count > 0)
            {
                throw new InvalidOperationException($"migration {migration.Version} of {pluginId} names objects outside its prefix: {string.Join(", ", foreign)}");
            }
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql;
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    /// <summary>The names a migration creates, alters, drops or indexes that lack the plugin's prefix (the host's rule).</summary>
    public static List<string> ForeignObjects(string sql, string prefix) =>
        ObjectNames().Matches(sql).Select(m => m.Groups["name"].Value)
            .Where(name => !name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();

    [GeneratedRegex(@"\b(?:CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)(?:\s+IF\s+NOT\s+EXISTS)?|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX|VIEW|TRIGGER)(?:\s+IF\s+EXISTS)?|\bON|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectNames();

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApplyConventions(options);
        options.MakeReadOnly();
        return options;
    }

    private static void ApplyConventions(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = KairosJson.Options.PropertyNamingPolicy;
        options.DictionaryKeyPolicy = KairosJson.Options.DictionaryKeyPolicy;
        options.DefaultIgnoreCondition = KairosJson.Options.DefaultIgnoreCondition;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_web is not null)
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
        foreach (var plugin in Enumerable.Reverse(_plugins))
        {
            await plugin.Plugin.StopAsync(plugin.Services, CancellationToken.None);
            await plugin.Services.DisposeAsync();
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned up by the OS.
        }
    }

    private sealed record TestPluginContext(string PluginId, string Version, JsonSerializerOptions JsonOptions, IConfiguration Settings) : IPluginContext
    {
        public CancellationToken Stopping => CancellationToken.None;
    }
}

/// <summary>A plugin loaded by <see cref="PluginTestHost"/>.</summary>
internal sealed class LoadedPlugin(PluginTestHost host, TaskPlugin plugin, TestPluginBuilder builder, ServiceProvider services, IReadOnlyList<IScheduledTask> tasks, RequestDelegate router, JsonSerializerOptions jsonOptions)
{
    public string Id => plugin.Id;

    public TaskPlugin Plugin => plugin;

    public TestPluginBuilder Builder => builder;

    public ServiceProvider Services => services;

    public IReadOnlyList<IScheduledTask> Tasks => tasks;

    public RequestDelegate Router => router;

    public JsonSerializerOptions JsonOptions => jsonOptions;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Runs a task once, as the executor does (its config checked against the task's schema first).</summary>
    public async Task<(TaskResult Result, TestTaskContext Context)> RunAsync(string taskId, JsonObject? config = null, KairosEvent? trigger = null, TimeZoneInfo? zone = null, bool validate = true)
    {
        var task = tasks.Single(t => t.TaskId == taskId);
        config ??= [];
        if (validate && task.ConfigSchema?.Validate(config) is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("config refused: " + string.Join("; ", errors.Select(e => $"{e.Key} {e.Value}")));
        }
        var events = new RecordingEventPublisher(plugin.Id, jsonOptions, host.Time, host.Events) { RunId = "run" };
        var context = new TestTaskContext(taskId, config, events, host.Time, services, jsonOptions, trigger, zone ?? TimeZoneInfo.Utc, CancellationToken.None);
        using (KairosJson.UseOptions(jsonOptions))
        {
            var result = await task.ExecuteAsync(context, CancellationToken.None);
            return (result, context);
        }
    }
}
