using System.Text.Json;
using Kairos.Sdk.Events;
using Kairos.Storage.Events;

namespace Kairos.Events.Bus;

/// <summary>Converts log records into the events subscribers and clients see.</summary>
internal static class EventMapping
{
    public static KairosEvent ToEvent(EventRecord record) => new()
    {
        Id = record.Id,
        Type = record.Type,
        Source = record.Source,
        Time = record.Time,
        Subject = record.Subject,
        Data = ParseData(record.DataJson),
        RunId = record.RunId,
        Depth = record.Depth,
        Sequence = record.Sequence,
    };

    public static JsonElement? ParseData(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
