using Kairos.Storage.Events;
using Kairos.Storage.Runs;

namespace Kairos.Events.Tests.Support;

/// <summary>
/// The real SQLite event log with hooks that run after a call has done its work and before it returns, so a
/// test can place another action exactly inside the window it means to probe (a catch-up read racing a commit).
/// Not a fake: every call reaches SQLite.
/// </summary>
internal sealed class InterceptingEventLog(IEventLog inner) : IEventLog
{
    /// <summary>Runs once, after the next <see cref="ReadAfterAsync"/> has read, with what it read.</summary>
    public Func<IReadOnlyList<EventRecord>, Task>? AfterNextRead { get; set; }

    /// <summary>Runs once, after the next append has committed, with the stored records.</summary>
    public Func<IReadOnlyList<EventRecord>, Task>? AfterNextAppend { get; set; }

    public async Task<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<EventRecord> events, CancellationToken cancellationToken = default)
    {
        var stored = await inner.AppendAsync(events, cancellationToken);
        if (Interlocked.Exchange(ref _afterAppendTaken, null) is { } hook)
        {
            await hook(stored);
        }
        return stored;
    }

    public async Task<IReadOnlyList<EventRecord>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAfterAsync(afterSequence, limit, cancellationToken);
        if (Interlocked.Exchange(ref _afterReadTaken, null) is { } hook)
        {
            await hook(read);
        }
        return read;
    }

    /// <summary>Arms the hooks set so far (each fires once).</summary>
    public void Arm()
    {
        _afterReadTaken = AfterNextRead;
        _afterAppendTaken = AfterNextAppend;
        AfterNextRead = null;
        AfterNextAppend = null;
    }

    private Func<IReadOnlyList<EventRecord>, Task>? _afterReadTaken;
    private Func<IReadOnlyList<EventRecord>, Task>? _afterAppendTaken;

    public Task<Page<EventRecord>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
    public Task<EventRecord?> GetAsync(string eventId, CancellationToken cancellationToken = default) => inner.GetAsync(eventId, cancellationToken);
    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => inner.GetLastSequenceAsync(cancellationToken);
    public Task<int> DeleteOldAsync(DateTimeOffset olderThan, long maxCount, int batchSize, CancellationToken cancellationToken = default) =>
        inner.DeleteOldAsync(olderThan, maxCount, batchSize, cancellationToken);
}
