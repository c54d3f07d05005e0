using Kairos.Sdk.Tasks;

namespace Kairos.Engine.Tasks;

/// <summary>A task the engine can run, with the plugin that provides it and that plugin's services.</summary>
public sealed record RegisteredTask(IScheduledTask Task, string PluginId, string PluginVersion, IServiceProvider Services)
{
    public string TaskId => Task.TaskId;
}
