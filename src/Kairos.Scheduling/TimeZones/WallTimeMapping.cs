namespace Kairos.Scheduling;

internal enum WallTimeKind
{
    /// <summary>The wall time happens exactly once.</summary>
    Normal,

    /// <summary>The wall time happens twice (fall-back overlap).</summary>
    Ambiguous,

    /// <summary>The wall time does not exist (spring-forward gap).</summary>
    Gap,
}

/// <summary>Where a wall-clock time lands on the UTC time line of a zone.</summary>
/// <param name="First">The instant (Normal), the earlier instant (Ambiguous) or the gap's end (Gap).</param>
/// <param name="Second">The later instant of an ambiguous wall time; otherwise equal to <paramref name="First"/>.</param>
/// <param name="Transition">The transition that makes the time ambiguous or invalid; default for Normal.</param>
internal readonly record struct WallTimeMapping(WallTimeKind Kind, DateTime First, DateTime Second, ZoneTransition Transition);
