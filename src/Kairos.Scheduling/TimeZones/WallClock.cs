namespace Kairos.Scheduling;

/// <summary>Turns a wall-clock time written by a user into an instant.</summary>
internal static class WallClock
{
    /// <summary>
    /// The lenient rule of java.time and NodaTime: a time inside a spring-forward gap moves forward by the gap's
    /// length (02:30 → 03:30); a time that happens twice means its first occurrence.
    /// </summary>
    public static DateTime ResolveLenient(DateTime wall, ZoneTimeline timeline)
    {
        var mapping = timeline.Map(wall);
        return mapping.Kind == WallTimeKind.Gap ? wall - mapping.Transition.Before : mapping.First;
    }
}
