namespace Kairos.Plugins.Portfolio;

/// <summary>
/// Net worth in one currency: every balance and every position that counts, converted with the latest exchange
/// rates. Amounts in another currency are converted and rounded to 0.01 (half away from zero); amounts already in
/// the currency are kept exact. What could not be valued is listed, never silently dropped or counted as zero.
/// </summary>
/// <param name="Currency">The currency of every amount.</param>
/// <param name="Total">The sum of everything valued.</param>
/// <param name="BySource">The total per source.</param>
/// <param name="ByAssetClass">The total per asset class (balances: their class, <c>cash</c> by default; positions: their instrument kind).</param>
/// <param name="Unvalued">What is not in the total, and why.</param>
/// <param name="RatesUsed">The exchange rates the conversion used.</param>
/// <param name="AsOf">The newest sync among the accounts counted, or null when there is none.</param>
public sealed record NetWorthReport(
    string Currency,
    decimal Total,
    IReadOnlyList<NetWorthShare> BySource,
    IReadOnlyList<NetWorthShare> ByAssetClass,
    IReadOnlyList<UnvaluedAmount> Unvalued,
    IReadOnlyList<ExchangeRate> RatesUsed,
    DateTimeOffset? AsOf);

/// <summary>One line of a net-worth breakdown.</summary>
/// <param name="Key">The source or asset class.</param>
/// <param name="Amount">Its value in the report's currency.</param>
public sealed record NetWorthShare(string Key, decimal Amount);

/// <summary>An amount left out of a net worth.</summary>
/// <param name="Source">Its source.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Item">What it is: <c>balance CHF</c>, <c>position 000001 (long)</c>.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Amount">The amount in <paramref name="Currency"/>, or null when there is no value at all.</param>
/// <param name="Reason">Why it is left out (no exchange rate from X to Y; no market value).</param>
public sealed record UnvaluedAmount(string Source, string AccountId, string Item, string Currency, decimal? Amount, string Reason);

/// <summary>Net worth on one day, from the daily snapshots.</summary>
/// <param name="Date">The day (in the portfolio's time zone).</param>
/// <param name="Total">The total valued.</param>
/// <param name="BySource">The total per source.</param>
/// <param name="Unvalued">What is not in the total, and why.</param>
public sealed record NetWorthPoint(DateOnly Date, decimal Total, IReadOnlyList<NetWorthShare> BySource, IReadOnlyList<UnvaluedAmount> Unvalued)
{
    /// <summary>The total per asset class on that day (cash, fund, stock, crypto…).</summary>
    public IReadOnlyList<NetWorthShare> ByAssetClass { get; init; } = [];
}
