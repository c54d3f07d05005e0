namespace Kairos.Plugins.Portfolio;

/// <summary>An account of a source (a Wise profile, an OKX trading account, the fund plugin's holdings).</summary>
/// <param name="Source">The plugin or data source that owns it, e.g. <c>fund</c>, <c>okx</c>.</param>
/// <param name="AccountId">The account's id within the source.</param>
public sealed record PortfolioAccount(string Source, string AccountId)
{
    /// <summary>A display name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The account's own reporting currency (upper case), or null.</summary>
    public string? Currency { get; init; }

    /// <summary>What kind of account it is (free text such as <c>brokerage</c>, <c>exchange</c>, <c>fund</c>), or null.</summary>
    public string? Kind { get; init; }

    /// <summary>When its holdings were last replaced by a complete sync (read only: set by <see cref="IPortfolioStore.ReplaceAccountHoldingsAsync"/>).</summary>
    public DateTimeOffset? SyncedAt { get; init; }
}
