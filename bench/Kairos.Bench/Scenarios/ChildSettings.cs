using System.Globalization;

namespace Kairos.Bench.Scenarios;

/// <summary>The <c>key=value</c> arguments a child process receives.</summary>
public sealed class ChildSettings(IReadOnlyDictionary<string, string> values)
{
    public static ChildSettings Parse(IEnumerable<string> args) =>
        new(args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal));

    public string Get(string key) => values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"missing setting '{key}'");

    public string? Find(string key) => values.TryGetValue(key, out var value) ? value : null;

    public int Int(string key) => int.Parse(Get(key), CultureInfo.InvariantCulture);

    public long Long(string key) => long.Parse(Get(key), CultureInfo.InvariantCulture);

    public TimeSpan Seconds(string key) => TimeSpan.FromSeconds(double.Parse(Get(key), CultureInfo.InvariantCulture));
}
