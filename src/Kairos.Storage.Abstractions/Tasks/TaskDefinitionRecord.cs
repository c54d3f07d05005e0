namespace Kairos.Storage.Tasks;

/// <summary>
/// A task known to Kairos, stored so that jobs and the API still know a task whose plugin is absent.
/// </summary>
public sealed record TaskDefinitionRecord
{
    public required string TaskId { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The owning plugin id (<c>kairos</c> for built-in tasks).</summary>
    public required string PluginId { get; init; }
    public required string PluginVersion { get; init; }
    /// <summary>True while the owning plugin is loaded.</summary>
    public bool Available { get; init; }
    /// <summary>The task's declared config schema as JSON, or null.</summary>
    public string? ConfigSchemaJson { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
