using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// Writes what a sync read into the portfolio (source <c>ibkr</c>). <see cref="IPortfolioStore.ReplaceAccountHoldingsAsync"/>
/// replaces balances AND positions of an account, so the part a sync did not read is passed through as stored: a
/// balance sync keeps the positions, a position sync keeps the balances. Reading the stored part and replacing are
/// one step under a lock of this plugin instance, so a balance sync and a position sync running at the same time
/// cannot put back what the other just replaced.
/// </summary>
internal sealed class HoldingsWriter(IPortfolioStore store, TimeProvider time) : IDisposable
{
    /// <summary>The portfolio source of everything this plugin writes.</summary>
    public const string Source = IbkrPlugin.PluginId;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Upserts the account and replaces its holdings (the part not read kept as stored).</summary>
    /// <exception cref="ArgumentException">The portfolio refused an entry; nothing of this account was written.</exception>
    public async Task<AccountWrite> WriteAsync(AccountSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.UpsertAccountAsync(
                new PortfolioAccount(Source, snapshot.AccountId) { Name = snapshot.Name, Currency = snapshot.Currency, Kind = "brokerage" },
                cancellationToken).ConfigureAwait(false);
            var storedBalances = (await store.GetBalancesAsync(Source, cancellationToken).ConfigureAwait(false))
                .Where(b => b.AccountId == snapshot.AccountId)
                .Select(b => new BalanceEntry(b.Asset, b.Total) { Available = b.Available, Frozen = b.Frozen, AssetClass = b.AssetClass })
                .ToList();
            var storedPositions = (await store.GetPositionsAsync(Source, cancellationToken).ConfigureAwait(false))
                .Where(p => p.AccountId == snapshot.AccountId)
                .Select(p => new PositionEntry(p.InstrumentId, p.InstrumentKind, p.Side, p.Quantity, p.Currency)
                {
                    Name = p.Name,
                    AverageCost = p.AverageCost,
                    Price = p.Price,
                    MarketValue = p.MarketValue,
                    UnrealisedPnl = p.UnrealisedPnl,
                    CountsInNetWorth = p.CountsInNetWorth,
                })
                .ToList();
            var balances = snapshot.Balances ?? storedBalances;
            var positions = snapshot.Positions ?? storedPositions;
            // Taken under the lock, so the store's "older than the stored sync" rule never drops a write of this node.
            var asOf = time.GetUtcNow();
            var result = await store.ReplaceAccountHoldingsAsync(Source, snapshot.AccountId, balances, positions, asOf, cancellationToken).ConfigureAwait(false);
            return result.Applied
                ? new AccountWrite(true, null, Changes.Between(storedBalances, balances, b => b.Asset), Changes.Between(storedPositions, positions, p => (p.InstrumentId, p.Side)))
                : new AccountWrite(false, result.SkippedReason, Changes.None, Changes.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records the exchange rates the source reported (repeated ones once).</summary>
    public async Task<int> WriteRatesAsync(IEnumerable<ExchangeRate> rates, CancellationToken cancellationToken)
    {
        var distinct = rates.DistinctBy(r => (r.Base, r.Quote, r.Time)).ToList();
        return distinct.Count == 0 ? 0 : await store.UpsertExchangeRatesAsync(distinct, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}

/// <summary>What writing one account did.</summary>
/// <param name="Applied">False when the portfolio holds a newer sync of the account (nothing written).</param>
/// <param name="SkippedReason">Why not, when not applied.</param>
/// <param name="Balances">Changes to the balances.</param>
/// <param name="Positions">Changes to the positions.</param>
internal sealed record AccountWrite(bool Applied, string? SkippedReason, Changes Balances, Changes Positions);

/// <summary>Rows added, updated, removed and unchanged by a replacement.</summary>
internal sealed record Changes(int Added, int Updated, int Removed, int Unchanged)
{
    public static Changes None { get; } = new(0, 0, 0, 0);

    /// <summary>Compares the stored rows with their replacement, row by row (by key, then by every value).</summary>
    public static Changes Between<T, TKey>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, TKey> key) where TKey : notnull
    {
        var old = before.ToDictionary(key);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var row in after)
        {
            if (!old.Remove(key(row), out var previous))
            {
                added++;
            }
            else if (EqualityComparer<T>.Default.Equals(previous, row))
            {
                unchanged++;
            }
            else
            {
                updated++;
            }
        }
        return new Changes(added, updated, old.Count, unchanged);
    }
}
