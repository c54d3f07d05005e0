namespace Kairos.Sdk.Events;

/// <summary>Publishes events onto the Kairos event bus.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Publishes an event and returns once it is durable in the event log. Subscribers are called
    /// asynchronously afterwards; a slow or failing subscriber never holds up the publisher.
    /// </summary>
    /// <param name="type">Dotted topic, <c>&lt;area&gt;.&lt;thing&gt;.&lt;past-tense verb&gt;</c>, e.g. <c>fund.nav.updated</c>.</param>
    /// <param name="data">Any JSON-serialisable value (at most 256 KiB serialised), or null.</param>
    /// <param name="subject">What the event is about (a fund code, a job id), or null.</param>
    /// <param name="cancellationToken">Cancels waiting for durability.</param>
    /// <returns>The event as stored, with its id and sequence.</returns>
    Task<KairosEvent> PublishAsync(string type, object? data = null, string? subject = null, CancellationToken cancellationToken = default);
}
