using System.Text.Json;

namespace Kairos.Sdk.Events;

/// <summary>
/// An event as delivered to subscribers, with its CloudEvents attributes. Event data crosses between
/// the host and plugins as JSON, never as a plugin's own type.
/// </summary>
public sealed record KairosEvent
{
    /// <summary>Unique id (CloudEvents <c>id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Dotted topic such as <c>fund.nav.updated</c> (CloudEvents <c>type</c>).</summary>
    public required string Type { get; init; }

    /// <summary>Who published it: a plugin id or <c>kairos</c> (CloudEvents <c>source</c>).</summary>
    public required string Source { get; init; }

    /// <summary>When it was published (CloudEvents <c>time</c>).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>What it is about, e.g. a job id or a fund code (CloudEvents <c>subject</c>).</summary>
    public string? Subject { get; init; }

    /// <summary>The event's data as JSON, or null.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The run that published the event (CloudEvents extension <c>runid</c>).</summary>
    public string? RunId { get; init; }

    /// <summary>The event's place in a chain of event-triggered runs (CloudEvents extension <c>kairosdepth</c>).</summary>
    public int Depth { get; init; }

    /// <summary>The log sequence number; 0 for events that are not written to the event log (run.started, run.succeeded).</summary>
    public long Sequence { get; init; }

    /// <summary>
    /// Deserialises <see cref="Data"/> into <typeparamref name="T"/> (snake_case names), or default when absent.
    /// Without <paramref name="options"/>, uses <see cref="KairosJson.Current"/> (inside a plugin: its own options).
    /// </summary>
    public T? GetData<T>(JsonSerializerOptions? options = null) =>
        Data is { } data ? data.Deserialize<T>(options ?? KairosJson.Current) : default;
}
