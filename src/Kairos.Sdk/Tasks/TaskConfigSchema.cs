using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Sdk.Tasks;

/// <summary>The JSON type a config field must have.</summary>
public enum ConfigFieldType
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A JSON number without fraction.</summary>
    Integer,
    /// <summary>A JSON number, or a string holding an exact decimal (for money).</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A JSON array.</summary>
    Array,
    /// <summary>A JSON object.</summary>
    Object,
}

/// <summary>One field of a task's config.</summary>
/// <param name="Name">The key in the config object.</param>
/// <param name="Type">The JSON type it must have.</param>
/// <param name="Required">True when a job must set it.</param>
/// <param name="Description">What it means, for the API.</param>
/// <param name="AllowedValues">For strings: the only values accepted, or null.</param>
public sealed record ConfigField(string Name, ConfigFieldType Type, bool Required = false, string? Description = null, IReadOnlyList<string>? AllowedValues = null);

/// <summary>
/// The config a task accepts: its known fields, and whether other keys are allowed. Validation happens when a
/// job is created or changed, so a bad config is a 400 at the API, not a failed run at 3 a.m.
/// </summary>
public sealed class TaskConfigSchema
{
    /// <summary>Creates a schema.</summary>
    public TaskConfigSchema(IEnumerable<ConfigField> fields, bool allowAdditional = false)
    {
        Fields = fields.ToArray();
        AllowAdditional = allowAdditional;
    }

    /// <summary>The declared fields.</summary>
    public IReadOnlyList<ConfigField> Fields { get; }

    /// <summary>True when keys that are not declared are accepted.</summary>
    public bool AllowAdditional { get; }

    /// <summary>Checks a config object; returns one message per problem, keyed by the field name.</summary>
    public IReadOnlyDictionary<string, string> Validate(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            if (!config.TryGetPropertyValue(field.Name, out var value) || value is null)
            {
                if (field.Required)
                {
                    errors[field.Name] = "is required";
                }
                continue;
            }
            var problem = Check(field, value);
            if (problem is not null)
            {
                errors[field.Name] = problem;
            }
        }
        if (!AllowAdditional)
        {
            foreach (var (key, _) in config)
            {
                if (!Fields.Any(f => f.Name == key))
                {
                    errors[key] = $"is not a setting of this task (known: {string.Join(", ", Fields.Select(f => f.Name))})";
                }
            }
        }
        return errors;
    }

    private static string? Check(ConfigField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        switch (field.Type)
        {
            case ConfigFieldType.String:
                if (kind != JsonValueKind.String)
                {
                    return "must be a string";
                }
                if (field.AllowedValues is { } allowed && !allowed.Contains(value.GetValue<string>()))
                {
                    return $"must be one of {string.Join(", ", allowed)}";
                }
                return null;
            case ConfigFieldType.Integer:
                // Parsed from the JSON text, so values built in code (JsonValue of int) and parsed ones behave alike.
                return kind == JsonValueKind.Number
                    && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    && decimal.Truncate(number) == number
                    ? null
                    : "must be a whole number";
            case ConfigFieldType.Number:
                if (kind == JsonValueKind.Number)
                {
                    return null;
                }
                return kind == JsonValueKind.String && decimal.TryParse(value.GetValue<string>(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? null
                    : "must be a number (or a string holding a decimal number)";
            case ConfigFieldType.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false";
            case ConfigFieldType.Array:
                return kind == JsonValueKind.Array ? null : "must be an array";
            case ConfigFieldType.Object:
                return kind == JsonValueKind.Object ? null : "must be an object";
            default:
                return null;
        }
    }
}
