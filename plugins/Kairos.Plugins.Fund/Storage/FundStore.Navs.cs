using Kairos.Plugins.Fund.Navs;
using Kairos.Plugins.Fund.Tiantian;

namespace Kairos.Plugins.Fund.Storage;

internal sealed partial class FundStore
{
    public async Task<DateOnly?> GetLastNavDateAsync(string code, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT MAX(nav_date) FROM fund_navs WHERE code = @code", r => r.IsDBNull(0) ? (DateOnly?)null : Sql.Date(r, 0), cancellationToken, ("@code", code)).ConfigureAwait(false))[0];

    public async Task<DateOnly?> GetLastYieldDateAsync(string code, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT MAX(yield_date) FROM fund_money_market_yields WHERE code = @code", r => r.IsDBNull(0) ? (DateOnly?)null : Sql.Date(r, 0), cancellationToken, ("@code", code)).ConfigureAwait(false))[0];

    /// <summary>Stores NAVs exactly (a NAV the source revised replaces the stored one); returns how many dates were new.</summary>
    public async Task<int> UpsertNavsAsync(string code, IReadOnlyList<NavPoint> navs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (navs.Count == 0)
        {
            return 0;
        }
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var known = (await Sql.QueryAsync(connection, transaction, "SELECT nav_date FROM fund_navs WHERE code = @code AND nav_date >= @from",
                    r => Sql.Date(r, 0), cancellationToken, ("@code", code), ("@from", Sql.Text(navs.Min(n => n.Date)))).ConfigureAwait(false)).ToHashSet();
                foreach (var nav in navs)
                {
                    await Sql.ExecuteAsync(connection, transaction, """
                        INSERT INTO fund_navs (code, nav_date, unit_nav, accumulated_nav, daily_change_percent, subscription_status, redemption_status, dividend_note, fetched_at)
                        VALUES (@code, @date, @nav, @acc, @change, @sub, @red, @div, @now)
                        ON CONFLICT (code, nav_date) DO UPDATE SET unit_nav = excluded.unit_nav, accumulated_nav = excluded.accumulated_nav,
                            daily_change_percent = excluded.daily_change_percent, subscription_status = excluded.subscription_status,
                            redemption_status = excluded.redemption_status, dividend_note = excluded.dividend_note, fetched_at = excluded.fetched_at
                        """, cancellationToken,
                        ("@code", code), ("@date", Sql.Text(nav.Date)), ("@nav", Sql.Text(nav.UnitNav)), ("@acc", Sql.Text(nav.AccumulatedNav)),
                        ("@change", Sql.Text(nav.DailyChangePercent)), ("@sub", nav.SubscriptionStatus), ("@red", nav.RedemptionStatus),
                        ("@div", nav.DividendNote), ("@now", Sql.Text(now))).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return navs.Count(n => !known.Contains(n.Date));
            }
        }
    }

    /// <summary>Stores money-market days exactly; returns how many dates were new.</summary>
    public async Task<int> UpsertYieldsAsync(string code, IReadOnlyList<MoneyMarketYieldPoint> yields, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (yields.Count == 0)
        {
            return 0;
        }
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var known = (await Sql.QueryAsync(connection, transaction, "SELECT yield_date FROM fund_money_market_yields WHERE code = @code AND yield_date >= @from",
                    r => Sql.Date(r, 0), cancellationToken, ("@code", code), ("@from", Sql.Text(yields.Min(n => n.Date)))).ConfigureAwait(false)).ToHashSet();
                foreach (var y in yields)
                {
                    await Sql.ExecuteAsync(connection, transaction, """
                        INSERT INTO fund_money_market_yields (code, yield_date, income_per_10k, seven_day_yield_percent, subscription_status, redemption_status, fetched_at)
                        VALUES (@code, @date, @income, @yield, @sub, @red, @now)
                        ON CONFLICT (code, yield_date) DO UPDATE SET income_per_10k = excluded.income_per_10k,
                            seven_day_yield_percent = excluded.seven_day_yield_percent, subscription_status = excluded.subscription_status,
                            redemption_status = excluded.redemption_status, fetched_at = excluded.fetched_at
                        """, cancellationToken,
                        ("@code", code), ("@date", Sql.Text(y.Date)), ("@income", Sql.Text(y.IncomePer10KUnits)), ("@yield", Sql.Text(y.SevenDayAnnualisedYieldPercent)),
                        ("@sub", y.SubscriptionStatus), ("@red", y.RedemptionStatus), ("@now", Sql.Text(now))).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return yields.Count(n => !known.Contains(n.Date));
            }
        }
    }

    public async Task<StoredNav?> GetLatestNavAsync(string code, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT code, nav_date, unit_nav, accumulated_nav, daily_change_percent FROM fund_navs
            WHERE code = @code ORDER BY nav_date DESC LIMIT 1
            """, ReadNav, cancellationToken, ("@code", code)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<StoredNav?> GetNavAsync(string code, DateOnly date, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT code, nav_date, unit_nav, accumulated_nav, daily_change_percent FROM fund_navs WHERE code = @code AND nav_date = @date
            """, ReadNav, cancellationToken, ("@code", code), ("@date", Sql.Text(date))).ConfigureAwait(false)).FirstOrDefault();

    public async Task<StoredYield?> GetLatestYieldAsync(string code, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT code, yield_date, income_per_10k, seven_day_yield_percent FROM fund_money_market_yields
            WHERE code = @code ORDER BY yield_date DESC LIMIT 1
            """, ReadYield, cancellationToken, ("@code", code)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<StoredYield?> GetYieldAsync(string code, DateOnly date, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT code, yield_date, income_per_10k, seven_day_yield_percent FROM fund_money_market_yields WHERE code = @code AND yield_date = @date
            """, ReadYield, cancellationToken, ("@code", code), ("@date", Sql.Text(date))).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Keeps the estimate fetched last (the 15:30 run stores the day's final one).</summary>
    public Task UpsertEstimateAsync(FundEstimate estimate, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO fund_estimates (code, name, official_nav, official_nav_date, estimated_nav, estimated_change_percent, estimate_time, fetched_at)
            VALUES (@code, @name, @nav, @navDate, @est, @change, @time, @now)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, official_nav = excluded.official_nav, official_nav_date = excluded.official_nav_date,
                estimated_nav = excluded.estimated_nav, estimated_change_percent = excluded.estimated_change_percent,
                estimate_time = excluded.estimate_time, fetched_at = excluded.fetched_at
            """, cancellationToken,
            ("@code", estimate.Code), ("@name", estimate.Name), ("@nav", Sql.Text(estimate.OfficialNav)), ("@navDate", Sql.Text(estimate.OfficialNavDate)),
            ("@est", Sql.Text(estimate.EstimatedNav)), ("@change", Sql.Text(estimate.EstimatedChangePercent)), ("@time", Sql.Text(estimate.EstimateTime)),
            ("@now", Sql.Text(now)));

    public async Task<FundEstimate?> GetEstimateAsync(string code, CancellationToken cancellationToken) =>
        (await QueryAsync("""
            SELECT code, name, official_nav, official_nav_date, estimated_nav, estimated_change_percent, estimate_time FROM fund_estimates WHERE code = @code
            """, r => new FundEstimate(r.GetString(0), r.GetString(1), Sql.Decimal(r, 2), Sql.Date(r, 3), Sql.Decimal(r, 4), Sql.Decimal(r, 5),
                Sql.Instant(r, 6).ToOffset(ChinaMarket.Offset)),
            cancellationToken, ("@code", code)).ConfigureAwait(false)).FirstOrDefault();

    private static StoredNav ReadNav(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), Sql.Date(r, 1), Sql.Decimal(r, 2), Sql.NullableDecimal(r, 3), Sql.NullableDecimal(r, 4));

    private static StoredYield ReadYield(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), Sql.Date(r, 1), Sql.Decimal(r, 2), Sql.NullableDecimal(r, 3));
}
