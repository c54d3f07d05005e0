using Kairos.Engine;
using Kairos.Engine.Jobs;
using Kairos.Engine.Tasks;
using Kairos.Events;
using Kairos.Server.Configuration;

namespace Kairos.Server.Hosting;

/// <summary>
/// Starts and stops the engine with the host, in order: event bus → built-in tasks → plugins → engine (crash
/// recovery, overdue fires) → default jobs. On SIGTERM: stop firing, let runs finish for
/// KAIROS_SHUTDOWN_TIMEOUT, record the rest interrupted, flush, then stop the bus.
/// </summary>
public sealed partial class EngineHost(
    IServiceProvider services,
    EventBus bus,
    TaskCatalog catalog,
    KairosEngine engine,
    JobService jobs,
    KairosServerOptions options,
    IEnumerable<IEngineStartupStep> steps,
    ILogger<EngineHost> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await bus.StartAsync(cancellationToken).ConfigureAwait(false);
        await catalog.RegisterBuiltInsAsync(services, cancellationToken).ConfigureAwait(false);
        foreach (var step in steps)
        {
            await step.BeforeEngineStartAsync(cancellationToken).ConfigureAwait(false);
        }
        await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        if (options.DefaultJobs)
        {
            await DefaultJobs.SeedAsync(engine, jobs, logger, cancellationToken).ConfigureAwait(false);
        }
        foreach (var step in steps)
        {
            await step.AfterEngineStartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps.Reverse())
        {
            await step.BeforeEngineStopAsync(cancellationToken).ConfigureAwait(false);
        }
        await engine.StopAsync(options.ShutdownTimeout).ConfigureAwait(false);
        await bus.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await engine.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A part of the host that starts around the engine (the plugin manager).</summary>
public interface IEngineStartupStep
{
    Task BeforeEngineStartAsync(CancellationToken cancellationToken);
    Task AfterEngineStartAsync(CancellationToken cancellationToken);
    Task BeforeEngineStopAsync(CancellationToken cancellationToken);
}
