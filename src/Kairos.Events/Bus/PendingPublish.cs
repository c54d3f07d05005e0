using System.Text.Json;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;

namespace Kairos.Events.Bus;

/// <summary>
/// One publish waiting for the group commit. It is its own completion source so a publish costs one
/// allocation here; continuations run asynchronously so completing a batch never runs callers' code
/// on the writer loop.
/// </summary>
internal sealed class PendingPublish(EventRecord record, JsonElement? data, CancellationToken cancellationToken)
    : TaskCompletionSource<KairosEvent>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public EventRecord Record { get; } = record;

    /// <summary>The parsed data, kept so the delivered event needs no second parse of <see cref="EventRecord.DataJson"/>.</summary>
    public JsonElement? Data { get; } = data;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The event as delivered, with the sequence (and the time, as precise as the log keeps it) the log returned.</summary>
    public KairosEvent ToEvent(EventRecord stored) => new()
    {
        Id = Record.Id,
        Type = Record.Type,
        Source = Record.Source,
        Time = stored.Time,
        Subject = Record.Subject,
        Data = Data,
        RunId = Record.RunId,
        Depth = Record.Depth,
        Sequence = stored.Sequence,
    };
}
