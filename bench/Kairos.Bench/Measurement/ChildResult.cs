using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Bench.Measurement;

/// <summary>
/// What one child process reports: named figures (null when not measured), notes, and whether the configuration
/// could run the scenario at all. Sent to the parent as one line prefixed with <see cref="Marker"/>.
/// </summary>
public sealed class ChildResult
{
    public const string Marker = "BENCH-RESULT ";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary><c>ok</c>, <c>unsupported</c> (the configuration cannot express the scenario) or <c>failed</c>.</summary>
    public string Status { get; set; } = "ok";

    public Dictionary<string, double?> Metrics { get; init; } = new(StringComparer.Ordinal);

    public List<string> Notes { get; init; } = [];

    public ChildResult Set(string name, double? value)
    {
        Metrics[name] = value is { } v && !double.IsFinite(v) ? null : value;
        return this;
    }

    public ChildResult Note(string note)
    {
        Notes.Add(note);
        return this;
    }

    public static ChildResult Unsupported(string reason) => new ChildResult { Status = "unsupported" }.Note(reason);

    public static ChildResult Failed(string reason) => new ChildResult { Status = "failed" }.Note(reason);

    public string ToLine() => Marker + JsonSerializer.Serialize(this, Json);

    public static ChildResult? TryParse(string line) =>
        line.StartsWith(Marker, StringComparison.Ordinal) ? JsonSerializer.Deserialize<ChildResult>(line.AsSpan(Marker.Length), Json) : null;
}
