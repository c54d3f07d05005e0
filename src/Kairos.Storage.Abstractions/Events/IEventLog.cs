using Kairos.Storage.Runs;

namespace Kairos.Storage.Events;

/// <summary>The durable event log.</summary>
public interface IEventLog
{
    /// <summary>
    /// Appends the events in one transaction, in order, and returns them with their assigned sequence numbers
    /// after commit. An event whose id already exists is not written twice (its stored record is returned).
    /// </summary>
    Task<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<EventRecord> events, CancellationToken cancellationToken = default);

    /// <summary>Newest first, with cursor paging.</summary>
    Task<Page<EventRecord>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Oldest first: events with a sequence greater than <paramref name="afterSequence"/> (for stream resume).</summary>
    Task<IReadOnlyList<EventRecord>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);

    Task<EventRecord?> GetAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence assigned so far (0 when empty).</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> of the oldest events that are older than
    /// <paramref name="olderThan"/> or beyond the newest <paramref name="maxCount"/>. Returns how many were deleted.
    /// </summary>
    Task<int> DeleteOldAsync(DateTimeOffset olderThan, long maxCount, int batchSize, CancellationToken cancellationToken = default);
}
