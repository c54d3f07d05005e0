namespace Kairos.Plugins.Portfolio;

/// <summary>What <see cref="IPortfolioStore.ReplaceAccountHoldingsAsync"/> did. Counts are balances and positions together.</summary>
/// <param name="Applied">False when nothing was written because the store already holds a newer sync of the account.</param>
/// <param name="Added">Rows that are new.</param>
/// <param name="Updated">Rows whose values changed.</param>
/// <param name="Removed">Rows that the sync no longer reports (closed positions, emptied balances), now gone.</param>
/// <param name="Unchanged">Rows the sync reported exactly as stored (left untouched).</param>
/// <param name="SkippedReason">Why nothing was written, when <paramref name="Applied"/> is false.</param>
public sealed record HoldingsReplaceResult(bool Applied, int Added, int Updated, int Removed, int Unchanged, string? SkippedReason = null);
