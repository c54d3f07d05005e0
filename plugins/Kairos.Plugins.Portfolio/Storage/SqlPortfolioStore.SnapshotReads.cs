using System.Runtime.CompilerServices;

namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    public async IAsyncEnumerable<BalanceSnapshotRow> ReadBalanceSnapshotsAsync(DateOnly from, DateOnly until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Sql.Command(connection, null, """
                SELECT snapshot_date, source, account_id, asset, asset_class, total, available, frozen FROM portfolio_balance_snapshots
                WHERE snapshot_date >= @from AND snapshot_date < @until ORDER BY snapshot_date, source, account_id, asset
                """, ("@from", Sql.Text(from)), ("@until", Sql.Text(until)));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return new BalanceSnapshotRow(Sql.Date(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        Sql.Decimal(reader, 5), Sql.NullableDecimal(reader, 6), Sql.NullableDecimal(reader, 7));
                }
            }
        }
    }

    public async IAsyncEnumerable<PositionSnapshotRow> ReadPositionSnapshotsAsync(DateOnly from, DateOnly until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Sql.Command(connection, null, """
                SELECT snapshot_date, source, account_id, instrument_id, side, instrument_kind, name, quantity, average_cost, price, market_value,
                       currency, unrealised_pnl, counts_in_net_worth
                FROM portfolio_position_snapshots
                WHERE snapshot_date >= @from AND snapshot_date < @until ORDER BY snapshot_date, source, account_id, instrument_id, side
                """, ("@from", Sql.Text(from)), ("@until", Sql.Text(until)));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return new PositionSnapshotRow(Sql.Date(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseSide(reader.GetString(4)),
                        reader.GetString(5), Sql.NullableString(reader, 6), Sql.Decimal(reader, 7), Sql.NullableDecimal(reader, 8), Sql.NullableDecimal(reader, 9),
                        Sql.NullableDecimal(reader, 10), reader.GetString(11), Sql.NullableDecimal(reader, 12), Sql.Boolean(reader, 13));
                }
            }
        }
    }
}
