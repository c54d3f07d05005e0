namespace Kairos.Scheduling;

/// <summary>
/// A span [<see cref="Start"/>, <see cref="End"/>) of UTC time in which a zone keeps one <see cref="Offset"/>;
/// <see cref="OffsetBefore"/> is the offset just before <see cref="Start"/> (equal when Start is no transition).
/// </summary>
internal sealed record ZoneSegment(DateTime Start, DateTime End, TimeSpan Offset, TimeSpan OffsetBefore)
{
    /// <summary>
    /// The end of the second pass through repeated wall times when <see cref="Start"/> is a fall-back; otherwise Start.
    /// </summary>
    public DateTime SecondPassEnd => OffsetBefore > Offset ? Start + (OffsetBefore - Offset) : Start;
}
