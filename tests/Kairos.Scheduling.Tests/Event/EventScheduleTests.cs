using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.Event;

public class EventScheduleTests
{
    [Fact]
    public void Event_schedule_carries_its_type_and_filter_and_has_no_fire_times()
    {
        var schedule = Assert.IsType<EventSchedule>(Parse("""{"type":"event","event_type":"fund.nav.updated","filter":"event.data.fund_code == '000001'"}"""));
        Assert.Equal("event", schedule.Type);
        Assert.True(schedule.FiresOnEvents);
        Assert.Equal("fund.nav.updated", schedule.EventType);
        Assert.Equal("event.data.fund_code == '000001'", schedule.Filter);
        Assert.Null(schedule.GetFirstFireTime(At("2026-01-01T00:00:00Z")));
        Assert.Null(schedule.GetNextFireTime(At("2026-01-01T00:00:00Z")));
        Assert.Equal(FireCount.None, schedule.CountFires(At("2026-01-01T00:00:00Z"), At("2027-01-01T00:00:00Z"), 10));
        Assert.Empty(SchedulePreview.Compute(schedule, At("2026-01-01T00:00:00Z"), 10));
        Assert.Equal(TimeSpan.Zero, schedule.Jitter);
    }

    [Theory]
    [InlineData("fund.*")]
    [InlineData("fund.#")]
    [InlineData("*.completed")]
    [InlineData("#")]
    [InlineData("okx.positions.synced")]
    [InlineData("data_2.report-x.generated")]
    public void Patterns_with_wildcards_are_accepted(string eventType)
    {
        Assert.Equal(eventType, ((EventSchedule)Parse($$"""{"type":"event","event_type":"{{eventType}}","timezone":"UTC"}""")).EventType);
    }

    [Fact]
    public void Filter_is_optional()
    {
        Assert.Null(((EventSchedule)Parse("""{"type":"event","event_type":"a.b","filter":null}""")).Filter);
    }
}
