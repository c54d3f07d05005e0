using System.Data.Common;

namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    public async Task<HoldingsReplaceResult> ReplaceAccountHoldingsAsync(
        string source,
        string accountId,
        IReadOnlyList<BalanceEntry> balances,
        IReadOnlyList<PositionEntry> positions,
        DateTimeOffset asOf,
        CancellationToken cancellationToken = default)
    {
        // Everything is checked before the database is touched: an invalid sync changes nothing.
        source = Codes.Id(source, "source");
        accountId = Codes.Id(accountId, "account_id");
        var newBalances = NormaliseBalances(balances);
        var newPositions = NormalisePositions(positions);
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var synced = await Sql.QueryAsync(connection, transaction,
                    "SELECT synced_at FROM portfolio_accounts WHERE source = @source AND account_id = @account",
                    r => Sql.NullableInstant(r, 0), cancellationToken, ("@source", source), ("@account", accountId)).ConfigureAwait(false);
                if (synced.Count == 1 && synced[0] is { } last && last > asOf)
                {
                    return new HoldingsReplaceResult(false, 0, 0, 0, 0,
                        $"the store holds a newer sync of {source}/{accountId} (as of {Sql.Text(last)}) than this one ({Sql.Text(asOf)})");
                }
                var counts = new Counts();
                await ReplaceBalancesAsync(connection, transaction, source, accountId, newBalances, asOf, counts, cancellationToken).ConfigureAwait(false);
                await ReplacePositionsAsync(connection, transaction, source, accountId, newPositions, asOf, counts, cancellationToken).ConfigureAwait(false);
                var at = Sql.Text(asOf);
                await Sql.ExecuteAsync(connection, transaction, """
                    INSERT INTO portfolio_accounts (source, account_id, synced_at, created_at) VALUES (@source, @account, @at, @now)
                    ON CONFLICT (source, account_id) DO UPDATE SET synced_at = excluded.synced_at
                    """, cancellationToken, ("@source", source), ("@account", accountId), ("@at", at), ("@now", Sql.Text(time.GetUtcNow()))).ConfigureAwait(false);
                await WriteSnapshotAsync(connection, transaction, source, accountId, newBalances, newPositions, asOf, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new HoldingsReplaceResult(true, counts.Added, counts.Updated, counts.Removed, counts.Unchanged);
            }
        }
    }

    private static List<BalanceEntry> NormaliseBalances(IReadOnlyList<BalanceEntry> balances)
    {
        ArgumentNullException.ThrowIfNull(balances);
        var result = new List<BalanceEntry>(balances.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var balance in balances)
        {
            ArgumentNullException.ThrowIfNull(balance, nameof(balances));
            var asset = Codes.Currency(balance.Asset, "balance asset");
            if (!seen.Add(asset))
            {
                throw new ArgumentException($"balance {asset} is listed twice; an account has one balance per asset.", nameof(balances));
            }
            result.Add(balance with { Asset = asset, AssetClass = Codes.Word(balance.AssetClass, "asset_class") });
        }
        return result;
    }

    private static List<PositionEntry> NormalisePositions(IReadOnlyList<PositionEntry> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var result = new List<PositionEntry>(positions.Count);
        var seen = new HashSet<(string, PositionSide)>();
        foreach (var position in positions)
        {
            ArgumentNullException.ThrowIfNull(position, nameof(positions));
            var id = Codes.Id(position.InstrumentId, "instrument_id");
            if (!Enum.IsDefined(position.Side))
            {
                throw new ArgumentException($"position {id} has no valid side.", nameof(positions));
            }
            if (!seen.Add((id, position.Side)))
            {
                throw new ArgumentException($"position {id} ({SideText(position.Side)}) is listed twice; an account has one position per instrument and side.", nameof(positions));
            }
            result.Add(position with
            {
                InstrumentId = id,
                InstrumentKind = Codes.Word(position.InstrumentKind, "instrument_kind"),
                Currency = Codes.Currency(position.Currency, $"currency of position {id}"),
            });
        }
        return result;
    }

    private static async Task ReplaceBalancesAsync(DbConnection connection, DbTransaction transaction, string source, string accountId, List<BalanceEntry> balances, DateTimeOffset asOf, Counts counts, CancellationToken cancellationToken)
    {
        var stored = (await ReadBalancesAsync(connection, transaction, source, accountId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(b => b.Asset, StringComparer.Ordinal);
        foreach (var balance in balances)
        {
            if (stored.Remove(balance.Asset, out var old) && old.AssetClass == balance.AssetClass && old.Total == balance.Total
                && old.Available == balance.Available && old.Frozen == balance.Frozen)
            {
                counts.Unchanged++;
                continue;
            }
            var isNew = old is null;
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO portfolio_balances (source, account_id, asset, asset_class, total, available, frozen, as_of)
                VALUES (@source, @account, @asset, @class, @total, @available, @frozen, @at)
                ON CONFLICT (source, account_id, asset) DO UPDATE SET asset_class = excluded.asset_class, total = excluded.total,
                    available = excluded.available, frozen = excluded.frozen, as_of = excluded.as_of
                """, cancellationToken,
                ("@source", source), ("@account", accountId), ("@asset", balance.Asset), ("@class", balance.AssetClass),
                ("@total", Sql.Text(balance.Total)), ("@available", Sql.Text(balance.Available)), ("@frozen", Sql.Text(balance.Frozen)),
                ("@at", Sql.Text(asOf))).ConfigureAwait(false);
            if (isNew)
            {
                counts.Added++;
            }
            else
            {
                counts.Updated++;
            }
        }
        foreach (var gone in stored.Keys)
        {
            await Sql.ExecuteAsync(connection, transaction,
                "DELETE FROM portfolio_balances WHERE source = @source AND account_id = @account AND asset = @asset",
                cancellationToken, ("@source", source), ("@account", accountId), ("@asset", gone)).ConfigureAwait(false);
            counts.Removed++;
        }
    }

    private static async Task ReplacePositionsAsync(DbConnection connection, DbTransaction transaction, string source, string accountId, List<PositionEntry> positions, DateTimeOffset asOf, Counts counts, CancellationToken cancellationToken)
    {
        var stored = (await ReadPositionsAsync(connection, transaction, source, accountId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => (p.InstrumentId, p.Side));
        foreach (var p in positions)
        {
            if (stored.Remove((p.InstrumentId, p.Side), out var old) && Same(old, p))
            {
                counts.Unchanged++;
                continue;
            }
            var isNew = old is null;
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO portfolio_positions (source, account_id, instrument_id, side, instrument_kind, name, quantity, average_cost,
                    price, market_value, currency, unrealised_pnl, counts_in_net_worth, as_of)
                VALUES (@source, @account, @instrument, @side, @kind, @name, @quantity, @cost, @price, @value, @currency, @pnl, @counts, @at)
                ON CONFLICT (source, account_id, instrument_id, side) DO UPDATE SET instrument_kind = excluded.instrument_kind,
                    name = excluded.name, quantity = excluded.quantity, average_cost = excluded.average_cost, price = excluded.price,
                    market_value = excluded.market_value, currency = excluded.currency, unrealised_pnl = excluded.unrealised_pnl,
                    counts_in_net_worth = excluded.counts_in_net_worth, as_of = excluded.as_of
                """, cancellationToken, PositionParameters(source, accountId, p, ("@at", Sql.Text(asOf)))).ConfigureAwait(false);
            if (isNew)
            {
                counts.Added++;
            }
            else
            {
                counts.Updated++;
            }
        }
        foreach (var (instrument, side) in stored.Keys)
        {
            await Sql.ExecuteAsync(connection, transaction,
                "DELETE FROM portfolio_positions WHERE source = @source AND account_id = @account AND instrument_id = @instrument AND side = @side",
                cancellationToken, ("@source", source), ("@account", accountId), ("@instrument", instrument), ("@side", SideText(side))).ConfigureAwait(false);
            counts.Removed++;
        }
    }

    private static bool Same(PortfolioPosition old, PositionEntry p) =>
        old.InstrumentKind == p.InstrumentKind && old.Name == p.Name && old.Quantity == p.Quantity && old.AverageCost == p.AverageCost
        && old.Price == p.Price && old.MarketValue == p.MarketValue && old.Currency == p.Currency && old.UnrealisedPnl == p.UnrealisedPnl
        && old.CountsInNetWorth == p.CountsInNetWorth;

    private static (string, object?)[] PositionParameters(string source, string accountId, PositionEntry p, (string, object?) extra) =>
    [
        ("@source", source), ("@account", accountId), ("@instrument", p.InstrumentId), ("@side", SideText(p.Side)), ("@kind", p.InstrumentKind),
        ("@name", p.Name), ("@quantity", Sql.Text(p.Quantity)), ("@cost", Sql.Text(p.AverageCost)), ("@price", Sql.Text(p.Price)),
        ("@value", Sql.Text(p.MarketValue)), ("@currency", p.Currency), ("@pnl", Sql.Text(p.UnrealisedPnl)), ("@counts", p.CountsInNetWorth ? 1 : 0),
        extra,
    ];

    /// <summary>Replaces the account's snapshot of the day of <paramref name="asOf"/>: the last complete sync of a day is that day's history.</summary>
    private async Task WriteSnapshotAsync(DbConnection connection, DbTransaction transaction, string source, string accountId, List<BalanceEntry> balances, List<PositionEntry> positions, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var day = Sql.Text(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asOf, settings.TimeZone).DateTime));
        (string, object?)[] key = [("@day", day), ("@source", source), ("@account", accountId)];
        await Sql.ExecuteAsync(connection, transaction,
            "DELETE FROM portfolio_balance_snapshots WHERE snapshot_date = @day AND source = @source AND account_id = @account", cancellationToken, key).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, transaction,
            "DELETE FROM portfolio_position_snapshots WHERE snapshot_date = @day AND source = @source AND account_id = @account", cancellationToken, key).ConfigureAwait(false);
        await Sql.ExecuteAsync(connection, transaction, """
            INSERT INTO portfolio_account_snapshots (snapshot_date, source, account_id, synced_at) VALUES (@day, @source, @account, @at)
            ON CONFLICT (snapshot_date, source, account_id) DO UPDATE SET synced_at = excluded.synced_at
            """, cancellationToken, [.. key, ("@at", Sql.Text(asOf))]).ConfigureAwait(false);
        foreach (var b in balances)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO portfolio_balance_snapshots (snapshot_date, source, account_id, asset, asset_class, total, available, frozen)
                VALUES (@day, @source, @account, @asset, @class, @total, @available, @frozen)
                """, cancellationToken,
                [.. key, ("@asset", b.Asset), ("@class", b.AssetClass), ("@total", Sql.Text(b.Total)), ("@available", Sql.Text(b.Available)), ("@frozen", Sql.Text(b.Frozen))]).ConfigureAwait(false);
        }
        foreach (var p in positions)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO portfolio_position_snapshots (snapshot_date, source, account_id, instrument_id, side, instrument_kind, name, quantity,
                    average_cost, price, market_value, currency, unrealised_pnl, counts_in_net_worth)
                VALUES (@day, @source, @account, @instrument, @side, @kind, @name, @quantity, @cost, @price, @value, @currency, @pnl, @counts)
                """, cancellationToken, PositionParameters(source, accountId, p, ("@day", day))).ConfigureAwait(false);
        }
    }

    private sealed class Counts
    {
        public int Added { get; set; }

        public int Updated { get; set; }

        public int Removed { get; set; }

        public int Unchanged { get; set; }
    }
}
