namespace Kairos.Server.Metrics;

/// <summary>
/// A histogram's state at one instant. <see cref="BucketCounts"/>[i] counts observations in
/// (<see cref="UpperBounds"/>[i-1], <see cref="UpperBounds"/>[i]] — not cumulative; the writer accumulates.
/// Observations above the last bound appear only in <see cref="Count"/> (the <c>+Inf</c> bucket).
/// </summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> BucketCounts, long Count, double Sum);
