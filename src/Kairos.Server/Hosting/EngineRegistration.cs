using Kairos.Conditions.Calendars;
using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Server.Configuration;
using Kairos.Server.Metrics;
using Kairos.Storage;

namespace Kairos.Server.Hosting;

/// <summary>The engine's services: event bus, trading calendars, task catalog, engine, job service and their start-up.</summary>
public static class EngineRegistration
{
    public static IServiceCollection AddKairosEngine(this IServiceCollection services, KairosServerOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var maxChainDepth = configuration.GetValue("Events:MaxChainDepth", 8);

        services.AddSingleton(sp => new EventBus(
            sp.GetRequiredService<IKairosStore>().Events,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventBus>>(),
            new EventBusOptions { MaxChainDepth = maxChainDepth }));
        services.AddSingleton<IEventSubscriber>(sp => sp.GetRequiredService<EventBus>());
        services.AddSingleton<ITradingCalendar>(_ => TradingCalendarLoader.LoadDefault(options.DataDirectory));
        services.AddSingleton(sp => new TaskCatalog(sp.GetRequiredService<IKairosStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new EngineOptions
        {
            SchedulerEnabled = options.EnableScheduler,
            DefaultTimeZone = options.SchedulerTimeZone,
            MaxConcurrency = options.MaxConcurrency,
            NodeId = options.NodeId,
            MaxChainDepth = maxChainDepth,
        });
        services.AddSingleton(sp => new KairosEngine(
            sp.GetRequiredService<IKairosStore>(),
            sp.GetRequiredService<EventBus>(),
            sp.GetRequiredService<TaskCatalog>(),
            sp.GetRequiredService<ITradingCalendar>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<EngineOptions>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new JobService(sp.GetRequiredService<KairosEngine>()));
        services.AddHostedService<EngineHost>();
        services.AddSingleton<IMetricsSource, EngineMetricsSource>();
        return services;
    }
}
