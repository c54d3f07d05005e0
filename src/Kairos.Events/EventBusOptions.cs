namespace Kairos.Events;

/// <summary>Limits and sizes of the event bus (configuration section <c>Events</c>).</summary>
public sealed record EventBusOptions
{
    /// <summary>
    /// How deep a chain of event-triggered runs may go. The bus only carries <see cref="Sdk.Events.KairosEvent.Depth"/>;
    /// the engine refuses to start a run past this depth, which is what breaks publish loops.
    /// </summary>
    public int MaxChainDepth { get; init; } = 8;

    /// <summary>The largest serialised <c>data</c> accepted, in UTF-8 bytes (256 KiB).</summary>
    public int MaxDataBytes { get; init; } = 256 * 1024;

    /// <summary>The most events written in one event-log transaction (group commit), and the page size of catch-up reads.</summary>
    public int MaxBatch { get; init; } = 1000;

    /// <summary>The queue capacity of streams (SSE); subscriptions take theirs from <see cref="Sdk.Events.SubscriptionOptions"/>.</summary>
    public int DefaultQueueCapacity { get; init; } = 1000;
}
