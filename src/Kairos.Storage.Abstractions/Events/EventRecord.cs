namespace Kairos.Storage.Events;

/// <summary>
/// A persisted event with its CloudEvents attributes. <see cref="Sequence"/> is assigned by the log on append:
/// strictly increasing, it orders history and serves as the SSE event id.
/// </summary>
public sealed record EventRecord
{
    public long Sequence { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? Subject { get; init; }
    /// <summary>The event's data as JSON text, or null.</summary>
    public string? DataJson { get; init; }
    /// <summary>CloudEvents extension <c>runid</c>: the run that published the event.</summary>
    public string? RunId { get; init; }
    /// <summary>CloudEvents extension <c>kairosdepth</c>: the event's place in a chain of event-triggered runs.</summary>
    public int Depth { get; init; }
}
