using Microsoft.Extensions.Logging;

namespace Kairos.Testing.Logging;

/// <summary>One log message as <see cref="LogCapture"/> saw it.</summary>
/// <param name="Category">Logger category.</param>
/// <param name="Level">Level.</param>
/// <param name="EventId">Event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception's full text (<c>ToString()</c>), or <c>null</c>.</param>
/// <param name="State">Structured state values (name=value), including <c>{OriginalFormat}</c>.</param>
/// <param name="Scopes">Every active scope rendered as text (its <c>ToString()</c> and its name=value pairs).</param>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    string? Exception,
    IReadOnlyList<string> State,
    IReadOnlyList<string> Scopes)
{
    /// <summary>Everything this entry holds, as one text.</summary>
    public string AllText =>
        $"[{Level}] {Category} ({EventId}): {Message}"
        + (Exception is null ? "" : "\n" + Exception)
        + (State.Count == 0 ? "" : "\n  state: " + string.Join("; ", State))
        + (Scopes.Count == 0 ? "" : "\n  scopes: " + string.Join(" => ", Scopes));

    /// <inheritdoc />
    public override string ToString() => AllText;
}
