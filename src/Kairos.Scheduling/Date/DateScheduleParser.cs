namespace Kairos.Scheduling;

/// <summary>Reads and validates a <c>date</c> schedule object.</summary>
internal static class DateScheduleParser
{
    private static readonly string[] s_allowed = ["type", "run_date", "timezone"];

    public static DateSchedule? Parse(ScheduleJson json, ScheduleContext context)
    {
        json.RejectUnknown("date", s_allowed);
        var zone = json.ReadTimeZone(context);
        var runDate = json.ReadDateTime("run_date", ZoneTimeline.For(zone));
        if (json.Errors.HasErrors)
        {
            return null;
        }
        // No run_date means now (whole seconds).
        return new DateSchedule(zone, runDate ?? TimeDomain.FloorToSecond(TimeDomain.ClampedUtc(context.Now)));
    }
}
