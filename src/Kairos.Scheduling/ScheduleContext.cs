namespace Kairos.Scheduling;

/// <summary>What a schedule needs from its surroundings when it is parsed.</summary>
/// <param name="DefaultTimeZone">The zone of a schedule that names none (the server's <c>SCHEDULER_TIMEZONE</c>).</param>
/// <param name="Now">
/// The job's creation time (or a preview's <c>from</c>): the anchor of an interval without <c>start_date</c>
/// and the <c>run_date</c> of a date schedule without one. Only its whole seconds are used.
/// </param>
public sealed record ScheduleContext(TimeZoneInfo DefaultTimeZone, DateTimeOffset Now);
