using Kairos.Storage;

namespace Kairos.Server.Hosting;

/// <summary>
/// Creates or migrates the database before anything else starts: it is registered ahead of the engine's
/// services, and ASP.NET Core starts the HTTP server only after every hosted service has started.
/// </summary>
public sealed partial class StoreInitializer(IKairosStore store, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        LogReady(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready")]
    private static partial void LogReady(ILogger logger);
}
