namespace Kairos.Scheduling;

/// <summary>How many times a schedule fires in a closed range of time.</summary>
/// <param name="Count">The exact number of fires, capped at the limit that was asked for.</param>
/// <param name="IsLowerBound">True when there are more fires than the limit: the true count exceeds <paramref name="Count"/>.</param>
/// <param name="First">The first fire in the range, or null when there is none.</param>
/// <param name="Last">The last fire in the range (the true last one, also when the count was capped), or null.</param>
public readonly record struct FireCount(long Count, bool IsLowerBound, DateTimeOffset? First, DateTimeOffset? Last)
{
    /// <summary>No fire in the range.</summary>
    public static FireCount None => new(0, false, null, null);
}
