namespace Kairos.Plugins.Portfolio;

/// <summary>One balance of an account as a sync reports it (input of <see cref="IPortfolioStore.ReplaceAccountHoldingsAsync"/>).</summary>
/// <param name="Asset">The currency or asset code, upper case (<c>CNY</c>, <c>USD</c>, <c>BTC</c>); unique within the account.</param>
/// <param name="Total">The whole amount held (available + frozen), exact.</param>
public sealed record BalanceEntry(string Asset, decimal Total)
{
    /// <summary>The part that can be used now, or null when the source does not say.</summary>
    public decimal? Available { get; init; }

    /// <summary>The part held by orders, withdrawals or margin, or null when the source does not say.</summary>
    public decimal? Frozen { get; init; }

    /// <summary>The asset class for the net-worth breakdown: <c>cash</c> for currencies (the default), <c>crypto</c> for coins.</summary>
    public string AssetClass { get; init; } = "cash";
}
