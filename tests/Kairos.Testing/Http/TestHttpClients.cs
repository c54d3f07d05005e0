using Kairos.Testing.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kairos.Testing.Http;

/// <summary>
/// Builds an <see cref="HttpClient"/> through <see cref="IHttpClientFactory"/> (so the factory's own
/// <c>System.Net.Http.HttpClient.*</c> logging runs), with optional extra handlers and every log of every category
/// captured at Trace.
/// </summary>
public sealed class TestHttpClients : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="logs">Receives every log message.</param>
    /// <param name="handlers">Factories of delegating handlers, outermost first (each call must return a new handler whose InnerHandler is null).</param>
    public TestHttpClients(LogCapture logs, params Func<DelegatingHandler>[] handlers)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(handlers);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var builder = services.AddHttpClient(ClientName);
        foreach (var handler in handlers)
        {
            builder.AddHttpMessageHandler(handler);
        }
        _services = services.BuildServiceProvider();
        LoggerFactory = _services.GetRequiredService<ILoggerFactory>();
    }

    /// <summary>The name of the client in the factory (its log categories are <c>System.Net.Http.HttpClient.test</c>.*).</summary>
    public const string ClientName = "test";

    /// <summary>The logger factory whose output goes to the capture.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>A new client from the factory.</summary>
    public HttpClient CreateClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);

    /// <summary>A logger of the given category, writing to the capture.</summary>
    public ILogger<T> Logger<T>() => LoggerFactory.CreateLogger<T>();

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
