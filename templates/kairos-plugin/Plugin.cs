using Kairos.Sdk.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.MyPlugin;

/// <summary>The plugin: its identity (equal to plugin.json) and what it contributes.</summary>
public sealed class Plugin : TaskPlugin
{
    /// <inheritdoc />
    public override string Id => "my_plugin";

    /// <inheritdoc />
    public override string Name => "Kairos.Plugins.MyPlugin";

    /// <inheritdoc />
    public override string Version => "1.0.0";

    /// <inheritdoc />
    public override string Description => "What this plugin does";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        plugin.AddTask<HelloTask>();
        plugin.Subscribe("my_plugin.hello.completed", (evt, cancellationToken) => Task.CompletedTask);
        // Served as GET /api/v1/plugins/my_plugin/hello
        plugin.MapEndpoints(endpoints => endpoints.MapGet("/hello", () => TypedResults.Ok(new { message = "hello" })));
        plugin.AddMigration(new PluginMigration(1, "hello log", "CREATE TABLE my_plugin_hellos (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
        // Job id my_plugin_daily: every day at 09:00 in the scheduler's time zone.
        plugin.AddJob(new PluginJob("daily", HelloTask.Id, """{"type":"cron","hour":9,"minute":0}"""));
    }
}
