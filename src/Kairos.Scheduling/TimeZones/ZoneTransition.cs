namespace Kairos.Scheduling;

/// <summary>One change of a zone's UTC offset at <see cref="Instant"/> (UTC).</summary>
internal readonly record struct ZoneTransition(DateTime Instant, TimeSpan Before, TimeSpan After)
{
    /// <summary>Clocks jump forward: the wall times [WallBefore, WallAfter) do not exist.</summary>
    public bool IsGap => After > Before;

    /// <summary>Clocks fall back: the wall times [WallAfter, WallBefore) happen twice.</summary>
    public bool IsOverlap => After < Before;

    /// <summary>The wall time at which the old offset stops (exclusive).</summary>
    public DateTime WallBefore => Instant + Before;

    /// <summary>The wall time at which the new offset starts.</summary>
    public DateTime WallAfter => Instant + After;
}
