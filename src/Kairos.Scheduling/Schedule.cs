using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Scheduling;

/// <summary>
/// When a job fires: a validated <c>cron</c>, <c>interval</c>, <c>date</c> or <c>event</c> schedule.
/// Pure arithmetic on instants: it has no clock, and jitter is left to the engine.
/// Every returned time is a whole second carrying the offset in force in <see cref="TimeZone"/> at that instant.
/// </summary>
public abstract class Schedule
{
    private static readonly JsonSerializerOptions s_jsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private protected Schedule(TimeZoneInfo timeZone, TimeSpan jitter)
    {
        TimeZone = timeZone;
        Jitter = jitter;
        Timeline = ZoneTimeline.For(timeZone);
    }

    /// <summary><c>cron</c>, <c>interval</c>, <c>date</c> or <c>event</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The schedule's zone (the context's default when the JSON named none).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// The largest random delay the engine adds to one run (zero when none). It never shifts the following fire times.
    /// </summary>
    public TimeSpan Jitter { get; }

    /// <summary>True only for event schedules, which fire on matching events instead of at times.</summary>
    public virtual bool FiresOnEvents => false;

    internal ZoneTimeline Timeline { get; }

    /// <summary>
    /// The first fire at or after <paramref name="from"/>: for a new job, after a resume, for a preview.
    /// A date schedule always returns its <c>run_date</c>, even when it lies in the past. Null when it never fires.
    /// </summary>
    public abstract DateTimeOffset? GetFirstFireTime(DateTimeOffset from);

    /// <summary>The next fire strictly after a fire at <paramref name="previousFireTime"/>; null when the schedule has ended.</summary>
    public abstract DateTimeOffset? GetNextFireTime(DateTimeOffset previousFireTime);

    /// <summary>
    /// The fires in [<paramref name="fromInclusive"/>, <paramref name="toInclusive"/>]: the exact count up to
    /// <paramref name="limit"/>; beyond it <see cref="FireCount.Count"/> is <paramref name="limit"/> and
    /// <see cref="FireCount.IsLowerBound"/> is true. <see cref="FireCount.Last"/> is always the true last fire.
    /// </summary>
    public virtual FireCount CountFires(DateTimeOffset fromInclusive, DateTimeOffset toInclusive, long limit) =>
        FireIteration.Count(this, fromInclusive, toInclusive, limit);

    /// <summary>
    /// The canonical JSON of this schedule: the time zone always named, an interval's anchor and a date's
    /// <c>run_date</c> resolved to ISO 8601 with offset, so that parsing it again gives the same fire times
    /// whatever the context's <c>Now</c>.
    /// </summary>
    public abstract JsonObject ToJson();

    /// <summary>The canonical JSON text (offsets written as <c>+08:00</c>, not escaped).</summary>
    public override string ToString() => ToJson().ToJsonString(s_jsonText);
}
