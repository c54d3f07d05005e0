using System.Text.Json;

namespace Kairos.Events;

/// <summary>An event to publish: the bus assigns its id, time and sequence.</summary>
public sealed record EventDraft
{
    /// <summary>Dotted topic such as <c>fund.nav.updated</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Who publishes it: a plugin id, <c>kairos</c> or <c>external</c>.</summary>
    public required string Source { get; init; }

    /// <summary>What the event is about (a job id, a fund code), or null.</summary>
    public string? Subject { get; init; }

    /// <summary>The event's data, or null.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The run that publishes the event, or null.</summary>
    public string? RunId { get; init; }

    /// <summary>The event's place in a chain of event-triggered runs (0 outside such a chain).</summary>
    public int Depth { get; init; }
}
