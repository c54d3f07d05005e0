using static Kairos.Scheduling.Tests.TestSchedules;

namespace Kairos.Scheduling.Tests.TimeZones;

public class ZoneTimelineTests
{
    private static DateTime Utc(string iso) => At(iso).UtcDateTime;

    [Fact]
    public void Finds_New_York_2026_transitions_to_the_second()
    {
        var timeline = ZoneTimeline.For(Zone("America/New_York"));
        Assert.True(timeline.TryGetNextTransition(Utc("2026-01-01T00:00:00Z"), Utc("2027-01-01T00:00:00Z"), out var spring));
        Assert.Equal(new ZoneTransition(Utc("2026-03-08T07:00:00Z"), TimeSpan.FromHours(-5), TimeSpan.FromHours(-4)), spring);
        Assert.True(timeline.TryGetNextTransition(spring.Instant, Utc("2027-01-01T00:00:00Z"), out var fall));
        Assert.Equal(new ZoneTransition(Utc("2026-11-01T06:00:00Z"), TimeSpan.FromHours(-4), TimeSpan.FromHours(-5)), fall);
        Assert.True(timeline.TryGetLastTransition(Utc("2026-12-31T00:00:00Z"), Utc("2026-01-01T00:00:00Z"), out var last));
        Assert.Equal(fall, last);
    }

    [Fact]
    public void Sees_Apia_jump_over_a_whole_day_where_local_time_helpers_do_not()
    {
        var zone = Zone("Pacific/Apia");
        var timeline = ZoneTimeline.For(zone);
        Assert.True(timeline.TryGetNextTransition(Utc("2011-12-29T00:00:00Z"), Utc("2011-12-31T00:00:00Z"), out var jump));
        Assert.Equal(new ZoneTransition(Utc("2011-12-30T10:00:00Z"), TimeSpan.FromHours(-10), TimeSpan.FromHours(14)), jump);
        var noon = new DateTime(2011, 12, 30, 12, 0, 0);
        Assert.Equal(WallTimeKind.Gap, timeline.Map(noon).Kind);
        // (.NET's own IsInvalidTime says this noon exists: the reason ZoneTimeline reads only UTC → local.)
    }

    [Fact]
    public void Maps_wall_times_to_normal_gap_and_ambiguous()
    {
        var timeline = ZoneTimeline.For(Zone("Europe/Berlin"));
        Assert.Equal(new WallTimeMapping(WallTimeKind.Normal, Utc("2026-06-01T10:00:00Z"), Utc("2026-06-01T10:00:00Z"), default),
            timeline.Map(new DateTime(2026, 6, 1, 12, 0, 0)));
        var gap = timeline.Map(new DateTime(2026, 3, 29, 2, 30, 0));
        Assert.Equal((WallTimeKind.Gap, Utc("2026-03-29T01:00:00Z")), (gap.Kind, gap.First));
        var overlap = timeline.Map(new DateTime(2026, 10, 25, 2, 30, 0));
        Assert.Equal((WallTimeKind.Ambiguous, Utc("2026-10-25T00:30:00Z"), Utc("2026-10-25T01:30:00Z")), (overlap.Kind, overlap.First, overlap.Second));
    }

    [Fact]
    public void A_zone_without_rules_has_no_transitions()
    {
        var timeline = ZoneTimeline.For(Zone("UTC"));
        Assert.False(timeline.TryGetNextTransition(Utc("2026-01-01T00:00:00Z"), Utc("2030-01-01T00:00:00Z"), out _));
        Assert.Equal(TimeSpan.Zero, timeline.OffsetAt(Utc("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void Offsets_match_dotnet_utc_conversions_hour_by_hour()
    {
        foreach (var id in new[] { "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Asia/Tehran" })
        {
            var zone = Zone(id);
            var timeline = ZoneTimeline.For(zone);
            for (var t = Utc("2011-01-01T00:00:00Z"); t < Utc("2013-01-01T00:00:00Z"); t = t.AddMinutes(97))
            {
                Assert.Equal(zone.GetUtcOffset(t), timeline.OffsetAt(t));
            }
        }
    }
}
