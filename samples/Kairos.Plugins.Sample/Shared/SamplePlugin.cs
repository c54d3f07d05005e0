using Kairos.Sdk.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Plugins.Sample;

/// <summary>
/// The sample plugin of <c>docs/plugins.md</c>: one task that greets, records the greeting in the plugin's own
/// table and publishes <c>sample.greeted</c>; a subscription counting those events; a few endpoints; a default
/// job. The same sources build as version 1 and version 2 (see <see cref="SampleVersion"/>).
/// </summary>
public sealed class SamplePlugin : TaskPlugin
{
    /// <inheritdoc />
    public override string Id => "sample";

    /// <inheritdoc />
    public override string Name => "Sample";

    /// <inheritdoc />
    public override string Version => SampleVersion.Value;

    /// <inheritdoc />
    public override string Description => "Greets people: the example plugin of the developer guide";

    /// <inheritdoc />
    public override void Configure(IPluginBuilder plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        plugin.Services.AddSingleton<GreetingCounter>();
        plugin.AddTask<GreetTask>();
        plugin.Subscribe(GreetTask.GreetedEvent, (services, evt, _) =>
        {
            services.GetRequiredService<GreetingCounter>().Add(evt.GetData<Greeted>()!);
            return Task.CompletedTask;
        });
        plugin.MapEndpoints(SampleEndpoints.Map);
        plugin.AddJob(new PluginJob("hourly_greeting", GreetTask.Id, """{"type":"interval","hours":1}""", """{"name":"hourly"}"""));
        plugin.AddMigration(new PluginMigration(1, "greetings", """
            CREATE TABLE sample_greetings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                message TEXT NOT NULL,
                greeted_at TEXT NOT NULL)
            """));
        if (SampleVersion.Major >= 2)
        {
            plugin.AddMigration(new PluginMigration(2, "greetings remember the version that wrote them",
                "ALTER TABLE sample_greetings ADD COLUMN version TEXT"));
        }
    }
}
