namespace Kairos.Plugins.Portfolio;

/// <summary>What <see cref="IPortfolioStore.UpsertTransactionsAsync"/> did.</summary>
/// <param name="Inserted">Transactions not seen before.</param>
/// <param name="Updated">Known transactions whose values changed.</param>
/// <param name="Unchanged">Known transactions sent again exactly as stored.</param>
public sealed record TransactionUpsertResult(int Inserted, int Updated, int Unchanged);
