namespace Kairos.Sdk.Events;

/// <summary>Subscribes handlers to events by type or pattern.</summary>
public interface IEventSubscriber
{
    /// <summary>
    /// Calls <paramref name="handler"/> for every event whose type matches <paramref name="pattern"/>:
    /// an exact type (<c>my.task.completed</c>), <c>fund.*</c> (one segment), <c>fund.#</c> (any depth) or
    /// <c>*.completed</c>. Events reach one subscriber in publish order, one at a time.
    /// </summary>
    /// <returns>Dispose it to unsubscribe.</returns>
    IDisposable Subscribe(string pattern, Func<KairosEvent, CancellationToken, Task> handler, SubscriptionOptions? options = null);
}

/// <summary>How a subscription queues and retries.</summary>
public sealed record SubscriptionOptions
{
    /// <summary>A name for logs and metrics.</summary>
    public string? Name { get; init; }

    /// <summary>Events buffered for this subscriber before it falls back to catching up from the event log.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>How often a throwing handler is called for one event before the event is given up (logged and counted).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Delay before the first retry of a throwing handler; doubles on each further attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
