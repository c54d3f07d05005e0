using System.Text.Json;

namespace Kairos.Plugins.Discovery;

/// <summary>
/// The plugins an operator disabled (or deleted while built in), kept in <c>plugins-state.json</c> in the
/// data folder so the choice survives restarts. Server files are never touched.
/// </summary>
internal sealed class PluginStateFile(string path)
{
    private readonly HashSet<string> _disabled = Load(path);

    public bool IsDisabled(string id) => _disabled.Contains(id);

    public void SetDisabled(string id, bool disabled)
    {
        if (disabled ? _disabled.Add(id) : _disabled.Remove(id))
        {
            Save();
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new StateDocument { Disabled = _disabled.Order(StringComparer.Ordinal).ToList() }));
        File.Move(temp, path, overwrite: true);
    }

    private static HashSet<string> Load(string path)
    {
        if (!File.Exists(path))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        var document = JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path));
        return new HashSet<string>(document?.Disabled ?? [], StringComparer.Ordinal);
    }

    private sealed class StateDocument
    {
        [System.Text.Json.Serialization.JsonPropertyName("disabled")]
        public List<string> Disabled { get; set; } = [];
    }
}
