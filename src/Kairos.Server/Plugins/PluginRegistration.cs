using Kairos.Plugins;
using Kairos.Plugins.Hosting;
using Kairos.Server.Configuration;
using Kairos.Server.Endpoints;
using Kairos.Server.Hosting;

namespace Kairos.Server.Plugins;

/// <summary>The plugin manager and the host services it uses.</summary>
public static class PluginRegistration
{
    public static IServiceCollection AddKairosPlugins(this IServiceCollection services, KairosServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<HostMaintenance>();
        services.AddSingleton<IPluginHost, ServerPluginHost>();
        services.AddSingleton(sp => new PluginManager(sp.GetRequiredService<IPluginHost>(), new PluginManagerOptions
        {
            PluginsDirectory = options.PluginsDirectory,
            DataDirectory = options.DataDirectory,
            AllowUpload = options.PluginUpload,
            DrainTimeout = options.ShutdownTimeout,
        }));
        services.AddSingleton<IEngineStartupStep, PluginStartupStep>();
        services.AddSingleton<IStatusContributor, PluginStatus>();
        return services;
    }
}
