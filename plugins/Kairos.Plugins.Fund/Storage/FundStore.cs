using System.Data.Common;
using Kairos.Plugins.Fund.Funds;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Fund.Storage;

/// <summary>The fund plugin's own tables (<c>fund_*</c>). Each call opens its own connection.</summary>
internal sealed partial class FundStore(IPluginDatabase database)
{
    private const string FundColumns = "code, kind, name, followed, added_at";

    public async Task<FundRecord?> GetFundAsync(string code, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {FundColumns} FROM fund_funds WHERE code = @code", ReadFund, cancellationToken, ("@code", code)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<List<FundRecord>> GetFundsAsync(bool followedOnly, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {FundColumns} FROM fund_funds{(followedOnly ? " WHERE followed = 1" : "")} ORDER BY code", ReadFund, cancellationToken);

    /// <summary>Follows a fund with this kind (creating it or updating its kind); returns true when it was not followed before.</summary>
    public async Task<bool> FollowAsync(string code, FundKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = await GetFundAsync(code, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync("""
            INSERT INTO fund_funds (code, kind, name, followed, added_at) VALUES (@code, @kind, NULL, 1, @now)
            ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, followed = 1
            """, cancellationToken, ("@code", code), ("@kind", FundKinds.Text(kind)), ("@now", Sql.Text(now))).ConfigureAwait(false);
        return before is not { Followed: true };
    }

    /// <summary>Follows a fund a plan or transaction names, as a standard fund unless it is known already.</summary>
    public Task EnsureFollowedAsync(string code, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO fund_funds (code, kind, name, followed, added_at) VALUES (@code, @kind, NULL, 1, @now)
            ON CONFLICT (code) DO UPDATE SET followed = 1
            """, cancellationToken, ("@code", code), ("@kind", FundKinds.StandardText), ("@now", Sql.Text(now)));

    /// <summary>Stops following a fund (its NAVs, kind and ledger stay); false when it was not followed.</summary>
    public async Task<bool> UnfollowAsync(string code, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE fund_funds SET followed = 0 WHERE code = @code AND followed = 1", cancellationToken, ("@code", code)).ConfigureAwait(false) > 0;

    public Task SetNameAsync(string code, string name, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE fund_funds SET name = @name WHERE code = @code", cancellationToken, ("@code", code), ("@name", name));

    /// <summary>Every fund the NAV update's <c>update_all</c> covers: followed, held (any transaction) or in an active plan.</summary>
    public Task<List<string>> GetTrackedCodesAsync(CancellationToken cancellationToken) =>
        QueryAsync("""
            SELECT code FROM fund_funds WHERE followed = 1
            UNION SELECT fund_code FROM fund_transactions
            UNION SELECT fund_code FROM fund_dca_plans WHERE active = 1
            ORDER BY 1
            """, r => r.GetString(0), cancellationToken);

    private static FundRecord ReadFund(DbDataReader r) =>
        new(r.GetString(0), FundKinds.TryParse(r.GetString(1)) ?? FundKind.Standard, Sql.NullableString(r, 2), Sql.Boolean(r, 3), Sql.Instant(r, 4));

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await Sql.QueryAsync(connection, null, sql, map, cancellationToken, parameters).ConfigureAwait(false);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await Sql.ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
        }
    }
}
