using Kairos.Sdk.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;

namespace Kairos.Sdk.Plugins;

/// <summary>
/// HTTP clients of a plugin. Every client made by the plugin's <c>IHttpClientFactory</c> runs the standard
/// resilience pipeline of <see cref="KairosHttpResilience"/> (retries with backoff and jitter honouring
/// <c>Retry-After</c>, timeouts, circuit breaker) on the host's clock.
/// </summary>
public static class PluginHttpClients
{
    /// <summary>
    /// Adds a named client (resolve it with <c>IHttpClientFactory.CreateClient(name)</c>) configured by
    /// <paramref name="configure"/> (base address, headers); <paramref name="resilience"/> overrides the
    /// standard pipeline's settings for this client.
    /// </summary>
    public static IHttpClientBuilder AddPluginHttpClient(this IServiceCollection services, string name, Action<HttpClient>? configure = null, HttpResilienceSettings? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (resilience is not null)
        {
            services.AddSingleton(new NamedResilienceSettings(name, resilience));
        }
        var builder = services.AddHttpClient(name);
        if (configure is not null)
        {
            builder.ConfigureHttpClient(configure);
        }
        return builder;
    }

    /// <summary>
    /// Adds <c>IHttpClientFactory</c> so that every client gets the standard pipeline. The host calls this for
    /// each plugin; handlers live as long as the plugin (no rotation timers that would outlive an unload) and
    /// pooled connections are renewed every two minutes so DNS changes are still seen.
    /// </summary>
    public static IServiceCollection AddKairosHttpClientDefaults(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, ResilienceHandlerFilter>());
        services.ConfigureHttpClientDefaults(client => client
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }));
        return services;
    }

    private sealed record NamedResilienceSettings(string Name, HttpResilienceSettings Settings);

    private sealed class ResilienceHandlerFilter(IEnumerable<NamedResilienceSettings> named, TimeProvider? time = null) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            var settings = named.LastOrDefault(n => n.Name == builder.Name)?.Settings;
            // Outermost, so the total timeout and retries wrap every other handler of the client.
            builder.AdditionalHandlers.Insert(0, new ResilienceHandler(KairosHttpResilience.CreatePipeline(settings, time)));
        };
    }
}
