using System.Text.Json;
using Kairos.Sdk.Events;

namespace Kairos.Events.Tests.CloudEvents;

public class CloudEventJsonTests
{
    [Fact]
    public void A_full_event_round_trips_through_the_CloudEvents_shape()
    {
        var evt = new KairosEvent
        {
            Id = "e-1",
            Type = "fund.nav.updated",
            Source = "funds",
            Time = new DateTimeOffset(2025, 1, 2, 11, 4, 5, 678, TimeSpan.FromHours(8)),
            Subject = "F001",
            Data = JsonSerializer.SerializeToElement(new { nav = 1.25m, note = "line1\nline2" }),
            RunId = "run-1",
            Depth = 2,
            Sequence = 42,
        };

        var json = CloudEventJson.Serialize(evt);

        Assert.Equal(
            """{"specversion":"1.0","id":"e-1","type":"fund.nav.updated","source":"funds","time":"2025-01-02T03:04:05.678Z","subject":"F001","datacontenttype":"application/json","data":{"nav":1.25,"note":"line1\nline2"},"runid":"run-1","kairosdepth":2,"sequence":42}""",
            json);
        var back = CloudEventJson.Parse(json);
        Assert.Equal((evt.Id, evt.Type, evt.Source, evt.Time, evt.Subject, evt.RunId, evt.Depth, evt.Sequence),
            (back.Id, back.Type, back.Source, back.Time, back.Subject, back.RunId, back.Depth, back.Sequence));
        Assert.Equal(evt.Data.Value.GetRawText(), back.Data!.Value.GetRawText());
    }

    [Fact]
    public void Absent_optional_attributes_are_left_out()
    {
        var evt = new KairosEvent { Id = "t", Type = "run.started", Source = "kairos", Time = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.Equal(
            """{"specversion":"1.0","id":"t","type":"run.started","source":"kairos","time":"2025-01-01T00:00:00Z","kairosdepth":0,"sequence":0}""",
            CloudEventJson.Serialize(evt));
    }

    [Fact]
    public void The_converter_serialises_events_inside_other_objects()
    {
        var options = new JsonSerializerOptions { Converters = { CloudEventJson.Converter } };
        var evt = new KairosEvent { Id = "x", Type = "a.b", Source = "s", Time = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var json = JsonSerializer.Serialize(new[] { evt }, options);

        Assert.StartsWith("""[{"specversion":"1.0","id":"x",""", json, StringComparison.Ordinal);
        Assert.Equal("x", JsonSerializer.Deserialize<KairosEvent[]>(json, options)![0].Id);
    }
}
