using System.Data.Common;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Portfolio.Storage;

/// <summary>
/// <see cref="IPortfolioStore"/> over the plugin's tables (<c>portfolio_*</c>) in the Kairos database. Each call
/// opens its own connection; every multi-row write is one database transaction.
/// </summary>
internal sealed partial class SqlPortfolioStore(IPluginDatabase database, PortfolioSettings settings, TimeProvider time) : IPortfolioStore
{
    public string BaseCurrency => settings.BaseCurrency;

    public async Task UpsertAccountAsync(PortfolioAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var source = Codes.Id(account.Source, "source");
        var accountId = Codes.Id(account.AccountId, "account_id");
        var currency = account.Currency is null ? null : Codes.Currency(account.Currency, "currency");
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await Sql.ExecuteAsync(connection, null, """
                INSERT INTO portfolio_accounts (source, account_id, name, currency, kind, synced_at, created_at)
                VALUES (@source, @account, @name, @currency, @kind, NULL, @now)
                ON CONFLICT (source, account_id) DO UPDATE SET name = excluded.name, currency = excluded.currency, kind = excluded.kind
                """, cancellationToken,
                ("@source", source), ("@account", accountId), ("@name", account.Name), ("@currency", currency), ("@kind", account.Kind),
                ("@now", Sql.Text(time.GetUtcNow()))).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PortfolioAccount>> GetAccountsAsync(string? source = null, CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await Sql.QueryAsync(connection, null, """
                SELECT source, account_id, name, currency, kind, synced_at FROM portfolio_accounts
                """ + Filter(source, null) + " ORDER BY source, account_id",
                r => new PortfolioAccount(r.GetString(0), r.GetString(1))
                {
                    Name = Sql.NullableString(r, 2),
                    Currency = Sql.NullableString(r, 3),
                    Kind = Sql.NullableString(r, 4),
                    SyncedAt = Sql.NullableInstant(r, 5),
                },
                cancellationToken, ("@source", source)).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PortfolioBalance>> GetBalancesAsync(string? source = null, CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadBalancesAsync(connection, null, source, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<PortfolioPosition>> GetPositionsAsync(string? source = null, CancellationToken cancellationToken = default)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadPositionsAsync(connection, null, source, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task<List<PortfolioBalance>> ReadBalancesAsync(DbConnection connection, DbTransaction? transaction, string? source, string? accountId, CancellationToken cancellationToken) =>
        Sql.QueryAsync(connection, transaction, """
            SELECT source, account_id, asset, asset_class, total, available, frozen, as_of FROM portfolio_balances
            """ + Filter(source, accountId) + " ORDER BY source, account_id, asset",
            r => new PortfolioBalance(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                Sql.Decimal(r, 4), Sql.NullableDecimal(r, 5), Sql.NullableDecimal(r, 6), Sql.Instant(r, 7)),
            cancellationToken, ("@source", source), ("@account", accountId));

    private static Task<List<PortfolioPosition>> ReadPositionsAsync(DbConnection connection, DbTransaction? transaction, string? source, string? accountId, CancellationToken cancellationToken) =>
        Sql.QueryAsync(connection, transaction, """
            SELECT source, account_id, instrument_id, instrument_kind, side, name, quantity, average_cost, price, market_value,
                   currency, unrealised_pnl, counts_in_net_worth, as_of
            FROM portfolio_positions
            """ + Filter(source, accountId) + " ORDER BY source, account_id, instrument_id, side",
            r => new PortfolioPosition(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseSide(r.GetString(4)),
                Sql.NullableString(r, 5), Sql.Decimal(r, 6), Sql.NullableDecimal(r, 7), Sql.NullableDecimal(r, 8), Sql.NullableDecimal(r, 9),
                r.GetString(10), Sql.NullableDecimal(r, 11), Sql.Boolean(r, 12), Sql.Instant(r, 13)),
            cancellationToken, ("@source", source), ("@account", accountId));

    /// <summary>A WHERE clause on source and account (a null filter is left out: no untyped NULL parameters, which PostgreSQL refuses).</summary>
    internal static string Filter(string? source, string? accountId) => (source, accountId) switch
    {
        (null, null) => "",
        (not null, null) => " WHERE source = @source",
        (null, not null) => " WHERE account_id = @account",
        _ => " WHERE source = @source AND account_id = @account",
    };

    internal static string SideText(PositionSide side) => side == PositionSide.Short ? "short" : "long";

    internal static PositionSide ParseSide(string text) => text == "short" ? PositionSide.Short : PositionSide.Long;
}
