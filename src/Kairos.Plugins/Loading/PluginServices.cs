using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Kairos.Plugins.Database;
using Kairos.Plugins.Hosting;
using Kairos.Plugins.Runtime;
using Kairos.Sdk;
using Kairos.Sdk.Events;
using Kairos.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Loading;

/// <summary>The host services every plugin's own service collection starts with.</summary>
internal static class PluginServices
{
    public static void AddHostServices(IServiceCollection services, IPluginHost host, PluginRuntime runtime, IEnumerable<PluginRuntime> dependencies)
    {
        var id = runtime.PluginId;
        // Instances registered here are the host's: a plugin's provider does not dispose what it did not create.
        services.AddSingleton(host.Time);
        services.AddSingleton(host.LoggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions();
        services.AddSingleton<IConfiguration>(runtime.Settings!);
        services.AddSingleton<IPluginContext>(new PluginContext(runtime));
        services.AddSingleton<IPluginDatabase>(new PluginDatabase(host, id));
        services.AddSingleton(host.Calendar);
        services.AddSingleton(host.Maintenance);
        services.AddSingleton<IEventPublisher>(new PluginEventPublisher(host.CreatePublisher(id), runtime.JsonOptions));
        services.AddSingleton<IEventSubscriber>(_ => new PluginEventSubscriber(host, runtime));
        services.AddKairosHttpClientDefaults();
        services.AddRouting();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(options => ApplyConventions(options.SerializerOptions));
        // Created by the plugin's provider so that disposing the provider also removes it from the process-wide listener list.
        services.AddSingleton(_ => new DiagnosticListener("Kairos.Plugins." + id));
        foreach (var dependency in dependencies)
        {
            foreach (var exported in dependency.Exports)
            {
                // The instance of the dependency, registered as an instance so this provider never disposes it.
                services.AddSingleton(exported, dependency.Services.GetRequiredService(exported));
            }
        }
    }

    /// <summary>
    /// The plugin's own JSON options: Kairos conventions, and a resolver instance of its own so that no cache
    /// is shared with the host's options (equal options would otherwise share one metadata cache).
    /// </summary>
    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApplyConventions(options);
        options.MakeReadOnly();
        return options;
    }

    public static IConfigurationRoot SnapshotSettings(IConfiguration configuration, string pluginId)
    {
        // A copy, not a view: the plugin never registers change callbacks on the host's configuration.
        var values = configuration.GetSection($"Plugins:{pluginId}").AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static void ApplyConventions(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = KairosJson.Options.PropertyNamingPolicy;
        options.DictionaryKeyPolicy = KairosJson.Options.DictionaryKeyPolicy;
        options.DefaultIgnoreCondition = KairosJson.Options.DefaultIgnoreCondition;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
    }
}
