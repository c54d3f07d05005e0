using System.Data.Common;
using Kairos.Plugins.Fund.Transactions;

namespace Kairos.Plugins.Fund.Storage;

internal sealed partial class FundStore
{
    private const string TransactionColumns =
        "transaction_id, fund_code, kind, status, plan_id, due_date, trade_date, amount, fee_rate, fee, net_amount, nav, shares, note, external_id, recorded_at, confirmed_at";

    /// <summary>
    /// Records a transaction unless one with the same id, the same plan and due date, or the same external id exists
    /// (so a re-run never buys twice); returns true when it was recorded now.
    /// </summary>
    public async Task<bool> TryInsertTransactionAsync(FundTransaction t, CancellationToken cancellationToken) =>
        await ExecuteAsync($"""
            INSERT INTO fund_transactions ({TransactionColumns})
            VALUES (@id, @code, @kind, @status, @plan, @due, @trade, @amount, @feeRate, @fee, @net, @nav, @shares, @note, @external, @recorded, @confirmed)
            ON CONFLICT DO NOTHING
            """, cancellationToken,
            ("@id", t.TransactionId), ("@code", t.FundCode), ("@kind", t.Kind), ("@status", t.Status), ("@plan", t.PlanId),
            ("@due", t.DueDate is { } due ? Sql.Text(due) : null), ("@trade", Sql.Text(t.TradeDate)), ("@amount", Sql.Text(t.Amount)),
            ("@feeRate", Sql.Text(t.FeeRate)), ("@fee", Sql.Text(t.Fee)), ("@net", Sql.Text(t.NetAmount)), ("@nav", Sql.Text(t.Nav)),
            ("@shares", Sql.Text(t.Shares)), ("@note", t.Note), ("@external", t.ExternalId), ("@recorded", Sql.Text(t.RecordedAt)),
            ("@confirmed", t.ConfirmedAt is { } at ? Sql.Text(at) : null)).ConfigureAwait(false) > 0;

    public async Task<FundTransaction?> GetTransactionAsync(string transactionId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {TransactionColumns} FROM fund_transactions WHERE transaction_id = @id", ReadTransaction, cancellationToken, ("@id", transactionId))
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<FundTransaction?> GetTransactionByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {TransactionColumns} FROM fund_transactions WHERE external_id = @id", ReadTransaction, cancellationToken, ("@id", externalId))
            .ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The ledger in dealing order (trade date, then recording order), optionally of one fund and/or status.</summary>
    public Task<List<FundTransaction>> GetTransactionsAsync(string? code, string? status, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (code is not null)
        {
            conditions.Add("fund_code = @code");
        }
        if (status is not null)
        {
            conditions.Add("status = @status");
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        return QueryAsync($"SELECT {TransactionColumns} FROM fund_transactions{where} ORDER BY trade_date, recorded_at, transaction_id",
            ReadTransaction, cancellationToken, ("@code", code), ("@status", status));
    }

    /// <summary>Confirms a pending purchase with its numbers; false when it was not pending any more (another run confirmed it).</summary>
    public async Task<bool> ConfirmAsync(string transactionId, decimal fee, decimal netAmount, decimal nav, decimal shares, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE fund_transactions SET status = 'confirmed', fee = @fee, net_amount = @net, nav = @nav, shares = @shares, confirmed_at = @now
            WHERE transaction_id = @id AND status = 'pending'
            """, cancellationToken,
            ("@id", transactionId), ("@fee", Sql.Text(fee)), ("@net", Sql.Text(netAmount)), ("@nav", Sql.Text(nav)), ("@shares", Sql.Text(shares)),
            ("@now", Sql.Text(now))).ConfigureAwait(false) > 0;

    private static FundTransaction ReadTransaction(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Sql.NullableString(r, 4),
        r.IsDBNull(5) ? null : Sql.Date(r, 5), Sql.Date(r, 6), Sql.Decimal(r, 7), Sql.NullableDecimal(r, 8), Sql.NullableDecimal(r, 9),
        Sql.NullableDecimal(r, 10), Sql.NullableDecimal(r, 11), Sql.NullableDecimal(r, 12), Sql.NullableString(r, 13), Sql.NullableString(r, 14),
        Sql.Instant(r, 15), Sql.NullableInstant(r, 16));
}
