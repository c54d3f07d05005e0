namespace Kairos.Plugins.Portfolio;

/// <summary>A page request for <see cref="IPortfolioStore.GetTransactionsAsync"/>; newest first.</summary>
public sealed record TransactionQuery
{
    /// <summary>Only this source, or null for all.</summary>
    public string? Source { get; init; }

    /// <summary>Only transactions at or after this instant, or null.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only transactions before this instant, or null.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The <see cref="TransactionPage.NextCursor"/> of the previous page, or null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Page size, 1–500.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>One page of transactions.</summary>
/// <param name="Items">The transactions, newest first.</param>
/// <param name="NextCursor">Pass it as <see cref="TransactionQuery.Cursor"/> for the next page; null on the last page.</param>
public sealed record TransactionPage(IReadOnlyList<PortfolioTransaction> Items, string? NextCursor);
