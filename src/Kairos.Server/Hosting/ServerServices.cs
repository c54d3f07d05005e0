using Kairos.Server.Configuration;
using Kairos.Server.Metrics;
using Kairos.Server.Security;
using Kairos.Storage;
using Kairos.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kairos.Server.Hosting;

/// <summary>The services of the host itself: clock, options, store, keys, metrics.</summary>
public static class ServerServices
{
    public static IServiceCollection AddKairosServer(this IServiceCollection services, KairosServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);

        services.AddSingleton(sp => new SqliteKairosStore(new SqliteStoreOptions
        {
            DataDirectory = options.DataDirectory,
            Time = sp.GetRequiredService<TimeProvider>(),
        }));
        services.AddSingleton<IKairosStore>(sp => sp.GetRequiredService<SqliteKairosStore>());
        services.AddHostedService<StoreInitializer>();

        services.AddSingleton(sp => ApiKeyProvisioner.Provision(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kairos.Server.Security")));

        services.AddSingleton<MetricsRegistry>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<MetricsRegistry>());
        services.AddSingleton<IMetricsSource, ServerInfoMetrics>();
        services.AddSingleton<IMetricsSource, EventBusMetricsSource>();
        return services;
    }
}
