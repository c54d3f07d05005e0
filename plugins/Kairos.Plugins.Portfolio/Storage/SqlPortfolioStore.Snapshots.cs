namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    public async Task<int> DeleteSnapshotsBeforeAsync(DateOnly before, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var cutoff = Sql.Text(before);
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Each account keeps its newest snapshot before the cut-off: history carries that day forward.
                var days = await Sql.QueryAsync(connection, transaction, """
                    SELECT s.snapshot_date, s.source, s.account_id FROM portfolio_account_snapshots s
                    WHERE s.snapshot_date < @before
                      AND s.snapshot_date < (SELECT max(k.snapshot_date) FROM portfolio_account_snapshots k
                                             WHERE k.source = s.source AND k.account_id = s.account_id AND k.snapshot_date < @before)
                    ORDER BY s.snapshot_date LIMIT @batch
                    """, r => (Date: r.GetString(0), Source: r.GetString(1), Account: r.GetString(2)), cancellationToken,
                    ("@before", cutoff), ("@batch", batchSize)).ConfigureAwait(false);
                foreach (var (date, source, account) in days)
                {
                    foreach (var table in new[] { "portfolio_balance_snapshots", "portfolio_position_snapshots", "portfolio_account_snapshots" })
                    {
                        await Sql.ExecuteAsync(connection, transaction,
                            $"DELETE FROM {table} WHERE snapshot_date = @date AND source = @source AND account_id = @account",
                            cancellationToken, ("@date", date), ("@source", source), ("@account", account)).ConfigureAwait(false);
                    }
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return days.Count;
            }
        }
    }
}
