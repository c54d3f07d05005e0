using System.Text.Json;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Kairos.Plugins.Manifests;

/// <summary>Reads <c>plugin.json</c> with one clear message for the first problem found.</summary>
public static partial class PluginManifestReader
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "id", "name", "version", "description", "assembly", "sdk", "dependencies", "settings",
    };

    /// <summary>The id the server's own tasks use; no plugin may take it.</summary>
    public const string ReservedId = "kairos";

    /// <summary>True when <paramref name="id"/> is a valid plugin id.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Reads the manifest file of a plugin folder.</summary>
    /// <exception cref="PluginManifestException">The file is missing, is not JSON, or a field is wrong.</exception>
    public static PluginManifest ReadFolder(string folder)
    {
        var path = Path.Combine(folder, PluginManifest.FileName);
        if (!File.Exists(path))
        {
            throw new PluginManifestException($"{PluginManifest.FileName} is missing in '{folder}'");
        }
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses manifest text.</summary>
    /// <exception cref="PluginManifestException">The text is not JSON, or a field is missing or wrong.</exception>
    public static PluginManifest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PluginManifestException($"{PluginManifest.FileName} is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PluginManifestException($"{PluginManifest.FileName} must hold a JSON object");
            }
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownKeys.Contains(property.Name))
                {
                    throw new PluginManifestException($"'{property.Name}' is not a manifest field (known: {string.Join(", ", KnownKeys)})");
                }
            }
            var id = RequiredString(root, "id");
            if (!IsValidId(id))
            {
                throw new PluginManifestException($"id '{id}' must be 1–50 of a-z, 0-9 and '_', starting with a letter");
            }
            if (id == ReservedId)
            {
                // The engine's own diagnostic tasks are registered as plugin 'kairos', and 'kairos_' prefixes host tables.
                throw new PluginManifestException($"id '{ReservedId}' is reserved for the server itself");
            }
            var versionText = RequiredString(root, "version");
            if (!NuGetVersion.TryParseStrict(versionText, out var version))
            {
                throw new PluginManifestException($"version '{versionText}' is not a SemVer version such as 1.2.0");
            }
            var assembly = RequiredString(root, "assembly");
            if (assembly.IndexOfAny(['/', '\\']) >= 0 || !assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                throw new PluginManifestException($"assembly '{assembly}' must be the file name of a .dll in the plugin folder");
            }
            return new PluginManifest
            {
                Id = id,
                Name = RequiredString(root, "name"),
                Version = version,
                Description = OptionalString(root, "description") ?? "",
                Assembly = assembly,
                Sdk = ReadRange(RequiredString(root, "sdk"), "sdk"),
                Dependencies = ReadDependencies(root, id),
                Settings = ReadSettings(root),
            };
        }
    }

    private static Dictionary<string, VersionRange> ReadDependencies(JsonElement root, string selfId)
    {
        var dependencies = new Dictionary<string, VersionRange>(StringComparer.Ordinal);
        if (!root.TryGetProperty("dependencies", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return dependencies;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PluginManifestException("dependencies must be an object such as {\"portfolio\": \"[1.0.0, 2.0.0)\"}");
        }
        foreach (var dependency in element.EnumerateObject())
        {
            if (!IsValidId(dependency.Name))
            {
                throw new PluginManifestException($"dependencies: '{dependency.Name}' is not a plugin id");
            }
            if (dependency.Name == selfId)
            {
                throw new PluginManifestException($"dependencies: a plugin cannot depend on itself ('{selfId}')");
            }
            if (dependency.Value.ValueKind != JsonValueKind.String)
            {
                throw new PluginManifestException($"dependencies.{dependency.Name} must be a version range string such as \"[1.0.0, 2.0.0)\"");
            }
            dependencies[dependency.Name] = ReadRange(dependency.Value.GetString()!, $"dependencies.{dependency.Name}");
        }
        return dependencies;
    }

    private static List<PluginSettingDeclaration> ReadSettings(JsonElement root)
    {
        var settings = new List<PluginSettingDeclaration>();
        if (!root.TryGetProperty("settings", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return settings;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PluginManifestException("settings must be an array such as [{\"key\": \"ApiToken\", \"secret\": true}]");
        }
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(key.GetString()))
            {
                throw new PluginManifestException($"settings[{index}] must be an object with a non-empty string 'key'");
            }
            var secret = false;
            if (item.TryGetProperty("secret", out var secretElement))
            {
                if (secretElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw new PluginManifestException($"settings[{index}].secret must be true or false");
                }
                secret = secretElement.GetBoolean();
            }
            var description = item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            settings.Add(new PluginSettingDeclaration(key.GetString()!, secret, description));
            index++;
        }
        return settings;
    }

    private static VersionRange ReadRange(string text, string field) =>
        VersionRange.TryParse(text, out var range)
            ? range
            : throw new PluginManifestException($"{field} '{text}' is not a version range such as \"[1.0.0, 2.0.0)\" or \"1.0.0\" (at least)");

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: > 0 } value
            ? value
            : throw new PluginManifestException($"{name} is required (a non-empty string)");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!.Trim()
            : throw new PluginManifestException($"{name} must be a string");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex IdPattern();
}
