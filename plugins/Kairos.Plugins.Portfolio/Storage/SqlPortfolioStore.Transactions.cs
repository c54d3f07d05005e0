using System.Data.Common;
using System.Text;

namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    private const string TransactionColumns =
        "source, external_id, account_id, occurred_at, kind, amount, currency, fee, fee_currency, instrument_id, quantity, price, description";

    public async Task<TransactionUpsertResult> UpsertTransactionsAsync(IReadOnlyList<PortfolioTransaction> transactions, CancellationToken cancellationToken = default)
    {
        var batch = NormaliseTransactions(transactions);
        if (batch.Count == 0)
        {
            return new TransactionUpsertResult(0, 0, 0);
        }
        var (inserted, updated, unchanged) = (0, 0, 0);
        var now = Sql.Text(time.GetUtcNow());
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var t in batch)
                {
                    var existing = await Sql.QueryAsync(connection, transaction,
                        $"SELECT {TransactionColumns} FROM portfolio_transactions WHERE source = @source AND external_id = @id",
                        ReadTransaction, cancellationToken, ("@source", t.Source), ("@id", t.ExternalId)).ConfigureAwait(false);
                    if (existing.Count == 1 && Same(existing[0], t))
                    {
                        unchanged++;
                        continue;
                    }
                    await Sql.ExecuteAsync(connection, transaction, $"""
                        INSERT INTO portfolio_transactions ({TransactionColumns}, recorded_at, updated_at)
                        VALUES (@source, @id, @account, @at, @kind, @amount, @currency, @fee, @feeCurrency, @instrument, @quantity, @price, @description, @now, @now)
                        ON CONFLICT (source, external_id) DO UPDATE SET account_id = excluded.account_id, occurred_at = excluded.occurred_at,
                            kind = excluded.kind, amount = excluded.amount, currency = excluded.currency, fee = excluded.fee,
                            fee_currency = excluded.fee_currency, instrument_id = excluded.instrument_id, quantity = excluded.quantity,
                            price = excluded.price, description = excluded.description, updated_at = excluded.updated_at
                        """, cancellationToken,
                        ("@source", t.Source), ("@id", t.ExternalId), ("@account", t.AccountId), ("@at", Sql.Text(t.OccurredAt)), ("@kind", t.Kind),
                        ("@amount", Sql.Text(t.Amount)), ("@currency", t.Currency), ("@fee", Sql.Text(t.Fee)), ("@feeCurrency", t.FeeCurrency),
                        ("@instrument", t.InstrumentId), ("@quantity", Sql.Text(t.Quantity)), ("@price", Sql.Text(t.Price)),
                        ("@description", t.Description), ("@now", now)).ConfigureAwait(false);
                    if (existing.Count == 0)
                    {
                        inserted++;
                    }
                    else
                    {
                        updated++;
                    }
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return new TransactionUpsertResult(inserted, updated, unchanged);
    }

    public async Task<TransactionPage> GetTransactionsAsync(TransactionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 500)
        {
            throw new ArgumentException($"limit {query.Limit} is outside 1–500.", nameof(query));
        }
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        if (query.Source is not null)
        {
            conditions.Add("source = @source");
            parameters.Add(("@source", query.Source));
        }
        if (query.Since is { } since)
        {
            conditions.Add("occurred_at >= @since");
            parameters.Add(("@since", Sql.Text(since)));
        }
        if (query.Until is { } until)
        {
            conditions.Add("occurred_at < @until");
            parameters.Add(("@until", Sql.Text(until)));
        }
        if (query.Cursor is not null)
        {
            var (at, source, id) = DecodeCursor(query.Cursor);
            // Keyset paging in the order below: newest first, then source and id ascending.
            conditions.Add("(occurred_at < @cAt OR (occurred_at = @cAt AND (source > @cSource OR (source = @cSource AND external_id > @cId))))");
            parameters.AddRange([("@cAt", at), ("@cSource", source), ("@cId", id)]);
        }
        parameters.Add(("@limit", query.Limit + 1));
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await Sql.QueryAsync(connection, null,
                $"SELECT {TransactionColumns} FROM portfolio_transactions {where} ORDER BY occurred_at DESC, source, external_id LIMIT @limit",
                ReadTransaction, cancellationToken, [.. parameters]).ConfigureAwait(false);
            if (rows.Count <= query.Limit)
            {
                return new TransactionPage(rows, null);
            }
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            return new TransactionPage(rows, EncodeCursor(Sql.Text(last.OccurredAt), last.Source, last.ExternalId));
        }
    }

    private static List<PortfolioTransaction> NormaliseTransactions(IReadOnlyList<PortfolioTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var seen = new HashSet<(string, string)>();
        var result = new List<PortfolioTransaction>(transactions.Count);
        foreach (var t in transactions)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(transactions));
            var source = Codes.Id(t.Source, "source");
            var id = Codes.Id(t.ExternalId, "external_id");
            if (!TransactionKinds.IsKnown(t.Kind))
            {
                throw new ArgumentException($"transaction {source}/{id} has kind '{t.Kind}', which is not one of {string.Join(", ", TransactionKinds.All)}.", nameof(transactions));
            }
            if (!seen.Add((source, id)))
            {
                throw new ArgumentException($"transaction {source}/{id} is in the batch twice.", nameof(transactions));
            }
            result.Add(t with
            {
                Source = source,
                ExternalId = id,
                AccountId = Codes.Id(t.AccountId, "account_id"),
                Currency = Codes.Currency(t.Currency, $"currency of transaction {id}"),
                FeeCurrency = t.FeeCurrency is null ? null : Codes.Currency(t.FeeCurrency, $"fee currency of transaction {id}"),
            });
        }
        return result;
    }

    private static PortfolioTransaction ReadTransaction(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), Sql.Instant(r, 3), r.GetString(4), Sql.Decimal(r, 5), r.GetString(6))
        {
            Fee = Sql.NullableDecimal(r, 7),
            FeeCurrency = Sql.NullableString(r, 8),
            InstrumentId = Sql.NullableString(r, 9),
            Quantity = Sql.NullableDecimal(r, 10),
            Price = Sql.NullableDecimal(r, 11),
            Description = Sql.NullableString(r, 12),
        };

    // Records compare decimals by value (1.10 == 1.1) and instants by instant: a source re-sending equal values changes nothing.
    private static bool Same(PortfolioTransaction a, PortfolioTransaction b) => a == b;

    private static string EncodeCursor(string at, string source, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at}\n{source}\n{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string At, string Source, string Id) DecodeCursor(string cursor)
    {
        try
        {
            var text = cursor.Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('\n');
            if (parts.Length == 3)
            {
                _ = Sql.ParseInstant(parts[0]);
                return (parts[0], parts[1], parts[2]);
            }
        }
        catch (FormatException)
        {
        }
        throw new ArgumentException($"cursor '{cursor}' is not a cursor of this list: pass the next_cursor of the previous page.", nameof(cursor));
    }
}
