namespace Kairos.Storage.Runs;

/// <summary>Filters for run history; newest first.</summary>
public sealed record RunQuery
{
    public string? JobId { get; init; }
    public string? TaskId { get; init; }
    public RunStatus? Status { get; init; }
    /// <summary>Inclusive lower bound on the run's reference time (start, else scheduled time).</summary>
    public DateTimeOffset? Since { get; init; }
    /// <summary>Exclusive upper bound on the run's reference time.</summary>
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; } = 100;
    /// <summary>An opaque cursor from a previous page.</summary>
    public string? Cursor { get; init; }
}

/// <summary>A page of results with the cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
