namespace Kairos.Scheduling;

/// <summary>Collects validation messages keyed by JSON path (<c>schedule.hour</c>).</summary>
internal sealed class ParseErrors(string prefix)
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool HasErrors => _messages.Count > 0;

    /// <summary>Adds a message about <paramref name="field"/> (a name in the schedule object; empty for the object itself).</summary>
    public void Add(string field, string message)
    {
        var key = Key(field);
        if (!_messages.TryGetValue(key, out var list))
        {
            _messages[key] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public bool Has(string field) => _messages.ContainsKey(Key(field));

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _messages.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    private string Key(string field) =>
        prefix.Length == 0 ? field : field.Length == 0 ? prefix : prefix + "." + field;
}
