using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>
/// An <c>event</c> schedule: the job runs once per published event whose type matches <see cref="EventType"/>
/// (and whose data passes <see cref="Filter"/>). It has no fire times.
/// </summary>
public sealed class EventSchedule : Schedule
{
    internal EventSchedule(TimeZoneInfo timeZone, string eventType, string? filter)
        : base(timeZone, TimeSpan.Zero)
    {
        EventType = eventType;
        Filter = filter;
    }

    /// <inheritdoc />
    public override string Type => "event";

    /// <summary>Always true.</summary>
    public override bool FiresOnEvents => true;

    /// <summary>An exact event type or a pattern: <c>*</c> stands for one dotted segment, <c>#</c> for any number.</summary>
    public string EventType { get; }

    /// <summary>A condition over the event (validated by the engine's condition parser), or null for every event.</summary>
    public string? Filter { get; }

    /// <summary>Always null: the schedule fires on events.</summary>
    public override DateTimeOffset? GetFirstFireTime(DateTimeOffset from) => null;

    /// <summary>Always null: the schedule fires on events.</summary>
    public override DateTimeOffset? GetNextFireTime(DateTimeOffset previousFireTime) => null;

    /// <summary>Always none.</summary>
    public override FireCount CountFires(DateTimeOffset fromInclusive, DateTimeOffset toInclusive, long limit) => FireCount.None;

    /// <inheritdoc />
    public override JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = "event", ["event_type"] = EventType };
        if (Filter is not null)
        {
            json["filter"] = Filter;
        }
        json["timezone"] = TimeZone.Id;
        return json;
    }
}
