namespace Kairos.Plugins.Portfolio;

/// <summary>
/// The portfolio's store, exported to the plugins that depend on <c>portfolio</c>: the only way to write the shared
/// finance model. Every amount is an exact <see cref="decimal"/>; codes of currencies and assets are stored upper case.
/// Writes are idempotent: writing what is already stored changes nothing.
/// </summary>
/// <example>
/// A plugin declares <c>"dependencies": {"portfolio": "[1.0.0, 2.0.0)"}</c> in its <c>plugin.json</c>, references
/// <c>Kairos.Plugins.Portfolio</c> at compile time (<c>Private="false"</c>), and takes <see cref="IPortfolioStore"/>
/// in a constructor:
/// <code>
/// await store.ReplaceAccountHoldingsAsync("okx", "trading", balances, positions, time.GetUtcNow(), ct);
/// </code>
/// </example>
public interface IPortfolioStore
{
    /// <summary>The currency net worth is reported in by default (setting <c>Plugins:portfolio:BaseCurrency</c>, default <c>CNY</c>).</summary>
    string BaseCurrency { get; }

    /// <summary>Creates an account or updates its name, currency and kind (its holdings are untouched).</summary>
    /// <exception cref="ArgumentException">Source or account id empty or too long.</exception>
    Task UpsertAccountAsync(PortfolioAccount account, CancellationToken cancellationToken = default);

    /// <summary>The accounts, of one source or all, ordered by source and id.</summary>
    Task<IReadOnlyList<PortfolioAccount>> GetAccountsAsync(string? source = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="balances"/> and <paramref name="positions"/> the account's current holdings, in one
    /// database transaction: rows not reported any more are removed (a closed position disappears), changed rows
    /// are updated, identical rows are left alone. The account is created when new, and the day's snapshot of the
    /// account (history for net worth) is replaced by these holdings. Call it only with the result of a COMPLETE,
    /// successful sync: when a sync fails or is partial, do not call it, and nothing changes.
    /// </summary>
    /// <param name="source">The source (normally the calling plugin's id).</param>
    /// <param name="accountId">The account within the source.</param>
    /// <param name="balances">Every balance of the account (asset unique).</param>
    /// <param name="positions">Every open position of the account ((instrument, side) unique).</param>
    /// <param name="asOf">When the source reported these holdings. A sync older than the stored one is ignored (<see cref="HoldingsReplaceResult.Applied"/> false).</param>
    /// <param name="cancellationToken">Cancels the write (then nothing is written).</param>
    /// <exception cref="ArgumentException">An entry is invalid or duplicated; nothing is written.</exception>
    Task<HoldingsReplaceResult> ReplaceAccountHoldingsAsync(
        string source,
        string accountId,
        IReadOnlyList<BalanceEntry> balances,
        IReadOnlyList<PositionEntry> positions,
        DateTimeOffset asOf,
        CancellationToken cancellationToken = default);

    /// <summary>The current balances, of one source or all.</summary>
    Task<IReadOnlyList<PortfolioBalance>> GetBalancesAsync(string? source = null, CancellationToken cancellationToken = default);

    /// <summary>The current positions, of one source or all.</summary>
    Task<IReadOnlyList<PortfolioPosition>> GetPositionsAsync(string? source = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records transactions, de-duplicated by (source, external id): a new one is inserted, a known one with
    /// different values is updated, a known identical one is left alone. All or nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A transaction is invalid (unknown kind, empty id) or repeated in the batch; nothing is written.</exception>
    Task<TransactionUpsertResult> UpsertTransactionsAsync(IReadOnlyList<PortfolioTransaction> transactions, CancellationToken cancellationToken = default);

    /// <summary>A page of transactions, newest first.</summary>
    /// <exception cref="ArgumentException">The cursor is not one this store made, or the limit is outside 1–500.</exception>
    Task<TransactionPage> GetTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Records exchange rates (keyed by base, quote, source and time; the same key again updates the rate).</summary>
    /// <returns>How many rows were written.</returns>
    Task<int> UpsertExchangeRatesAsync(IReadOnlyList<ExchangeRate> rates, CancellationToken cancellationToken = default);

    /// <summary>The newest rate of every currency pair (optionally only one base and/or quote).</summary>
    Task<IReadOnlyList<ExchangeRate>> GetLatestExchangeRatesAsync(string? baseCurrency = null, string? quoteCurrency = null, CancellationToken cancellationToken = default);

    /// <summary>Records prices (keyed by source, instrument and time).</summary>
    /// <returns>How many rows were written.</returns>
    Task<int> UpsertPricesAsync(IReadOnlyList<PriceQuote> prices, CancellationToken cancellationToken = default);

    /// <summary>The newest price of an instrument from a source, or null.</summary>
    Task<PriceQuote?> GetLatestPriceAsync(string source, string instrumentId, CancellationToken cancellationToken = default);

    /// <summary>Records candles (keyed by source, instrument, bar and open time).</summary>
    /// <returns>How many rows were written.</returns>
    Task<int> UpsertCandlesAsync(IReadOnlyList<Candle> candles, CancellationToken cancellationToken = default);

    /// <summary>Candles of an instrument and bar size, oldest first, optionally from <paramref name="since"/> (inclusive) to <paramref name="until"/> (exclusive).</summary>
    Task<IReadOnlyList<Candle>> GetCandlesAsync(string source, string instrumentId, string bar, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default);

    /// <summary>Net worth now, in <paramref name="currency"/> (default <see cref="BaseCurrency"/>), with the latest rates.</summary>
    Task<NetWorthReport> GetNetWorthAsync(string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Net worth per day from the daily snapshots, from <paramref name="since"/> (default: the first snapshot). An
    /// account that was not synced on a day counts with its latest earlier snapshot. Each day converts with the
    /// newest rates at or before its end (the oldest rate known when there is none that early).
    /// </summary>
    Task<IReadOnlyList<NetWorthPoint>> GetNetWorthHistoryAsync(string? currency = null, DateOnly? since = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the daily snapshots (account, balances, positions) of at most <paramref name="batchSize"/> account-days
    /// before <paramref name="before"/>, in one transaction, keeping each account's newest snapshot before that day
    /// (history carries it forward). Call it in a loop until it returns 0.
    /// </summary>
    /// <returns>How many account-days were deleted.</returns>
    Task<int> DeleteSnapshotsBeforeAsync(DateOnly before, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Streams the daily balance snapshots of the days in [<paramref name="from"/>, <paramref name="until"/>), oldest first.</summary>
    IAsyncEnumerable<BalanceSnapshotRow> ReadBalanceSnapshotsAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default);

    /// <summary>Streams the daily position snapshots of the days in [<paramref name="from"/>, <paramref name="until"/>), oldest first.</summary>
    IAsyncEnumerable<PositionSnapshotRow> ReadPositionSnapshotsAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default);
}
