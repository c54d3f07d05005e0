namespace Kairos.Storage.Events;

/// <summary>Filters for event history; newest first.</summary>
public sealed record EventQuery
{
    /// <summary>An exact type or a pattern (<c>fund.*</c>, <c>fund.#</c>, <c>*.completed</c>); see <see cref="TopicPattern"/>.</summary>
    public string? Type { get; init; }
    public string? Source { get; init; }
    public string? Subject { get; init; }
    public string? RunId { get; init; }
    /// <summary>Inclusive lower bound on the event time.</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Exclusive upper bound on the event time.</summary>
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; } = 100;
    public string? Cursor { get; init; }
}
