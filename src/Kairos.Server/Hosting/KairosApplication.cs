using Kairos.Server.Configuration;
using Kairos.Server.Endpoints;
using Kairos.Server.Http;
using Kairos.Server.Logging;
using Kairos.Server.Metrics;
using Kairos.Server.Plugins;
using Kairos.Server.Security;

namespace Kairos.Server.Hosting;

/// <summary>The composition root: configuration, services, middleware order and endpoints, in one readable place.</summary>
public static class KairosApplication
{
    /// <summary>Time the host allows beyond <c>KAIROS_SHUTDOWN_TIMEOUT</c> for recording interrupted runs and closing the database.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(5);

    /// <summary>Builds the server; throws <see cref="KairosStartupException"/> for a configuration it must not run with.</summary>
    public static WebApplication Build(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // No file watchers (inotify instances are scarce, and configuration is read once); the switch is
            // host configuration, which only the command line and DOTNET_ variables can set this early.
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            // appsettings.json ships beside the assembly; relative paths in settings use the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });

        var options = KairosServerOptionsLoader.Load(builder.Configuration, Environment.CurrentDirectory);
        // One server per data folder, and no restore while it runs: the lock is held until the process ends.
        var dataLock = Maintenance.ServerDataLock.TryAcquire(options.DataDirectory)
            ?? throw new KairosStartupException($"another Kairos server (or a restore) is using the data folder {options.DataDirectory}");
        builder.Services.AddSingleton(dataLock);
        ServerUrls.Configure(builder, keyConfiguredExplicitly: options.ApiKey is not null);
        builder.Logging.AddKairosLogging(options);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + ShutdownMargin);
        builder.AddKairosHttp();
        builder.Services.AddKairosOpenApi();
        builder.Services.AddKairosServer(options);
        builder.Services.AddKairosEngine(options, builder.Configuration);
        builder.Services.AddKairosPlugins(options);

        var app = builder.Build();

        // Resolve the keys now: the key file is created (and its path logged) at start, not at the first request.
        app.Services.GetRequiredService<ApiKeySet>();

        app.UseMiddleware<HttpRequestMetricsMiddleware>();
        app.UseKairosHttp();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapKairosEndpoints();
        return app;
    }
}
