using Kairos.Plugins.Portfolio.Valuation;

namespace Kairos.Plugins.Portfolio.Storage;

internal sealed partial class SqlPortfolioStore
{
    public async Task<NetWorthReport> GetNetWorthAsync(string? currency = null, CancellationToken cancellationToken = default)
    {
        var target = Codes.Currency(currency ?? settings.BaseCurrency, "currency");
        var balances = await GetBalancesAsync(null, cancellationToken).ConfigureAwait(false);
        var positions = await GetPositionsAsync(null, cancellationToken).ConfigureAwait(false);
        var rates = await GetLatestExchangeRatesAsync(null, null, cancellationToken).ConfigureAwait(false);
        var accounts = await GetAccountsAsync(null, cancellationToken).ConfigureAwait(false);
        var items = balances.Select(b => ValuedItem.FromBalance(b.Source, b.AccountId, b.Asset, b.AssetClass, b.Total))
            .Concat(positions.Select(p => ValuedItem.FromPosition(p.Source, p.AccountId, p.InstrumentId, p.Side, p.InstrumentKind, p.Currency, p.MarketValue, p.CountsInNetWorth)).OfType<ValuedItem>());
        var (total, bySource, byClass, unvalued, used) = NetWorthCalculator.Compute(items, target, new CurrencyConverter(rates));
        var asOf = accounts.Select(a => a.SyncedAt).Max();
        return new NetWorthReport(target, total, bySource, byClass, unvalued, used, asOf);
    }

    public async Task<IReadOnlyList<NetWorthPoint>> GetNetWorthHistoryAsync(string? currency = null, DateOnly? since = null, CancellationToken cancellationToken = default)
    {
        var target = Codes.Currency(currency ?? settings.BaseCurrency, "currency");
        var connection = await Sql.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var snapshots = await Sql.QueryAsync(connection, null,
                "SELECT snapshot_date, source, account_id FROM portfolio_account_snapshots ORDER BY snapshot_date",
                r => (Date: Sql.Date(r, 0), Account: (Source: r.GetString(1), Id: r.GetString(2))), cancellationToken).ConfigureAwait(false);
            var days = snapshots.Select(s => s.Date).Where(d => since is null || d >= since).Distinct().Order().ToList();
            if (days.Count == 0)
            {
                return [];
            }
            // Items of every snapshot an account may carry into the first day: from its latest snapshot at or before it.
            var carryFrom = snapshots.Where(s => s.Date <= days[0]).GroupBy(s => s.Account).Select(g => g.Max(s => s.Date))
                .DefaultIfEmpty(days[0]).Min();
            var items = new Dictionary<(DateOnly, string, string), List<ValuedItem>>();
            void Add(DateOnly day, ValuedItem? item)
            {
                if (item is null)
                {
                    return;
                }
                var key = (day, item.Source, item.AccountId);
                if (!items.TryGetValue(key, out var list))
                {
                    items[key] = list = [];
                }
                list.Add(item);
            }
            foreach (var (day, item) in await Sql.QueryAsync(connection, null,
                "SELECT snapshot_date, source, account_id, asset, asset_class, total FROM portfolio_balance_snapshots WHERE snapshot_date >= @from",
                r => (Sql.Date(r, 0), ValuedItem.FromBalance(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Sql.Decimal(r, 5))),
                cancellationToken, ("@from", Sql.Text(carryFrom))).ConfigureAwait(false))
            {
                Add(day, item);
            }
            foreach (var (day, item) in await Sql.QueryAsync(connection, null, """
                SELECT snapshot_date, source, account_id, instrument_id, side, instrument_kind, currency, market_value, counts_in_net_worth
                FROM portfolio_position_snapshots WHERE snapshot_date >= @from
                """,
                r => (Sql.Date(r, 0), ValuedItem.FromPosition(r.GetString(1), r.GetString(2), r.GetString(3), ParseSide(r.GetString(4)), r.GetString(5),
                    r.GetString(6), Sql.NullableDecimal(r, 7), Sql.Boolean(r, 8))),
                cancellationToken, ("@from", Sql.Text(carryFrom))).ConfigureAwait(false))
            {
                Add(day, item);
            }
            var rates = await Sql.QueryAsync(connection, null,
                "SELECT base_currency, quote_currency, rate, rate_time, source FROM portfolio_exchange_rates ORDER BY rate_time",
                ReadRate, cancellationToken).ConfigureAwait(false);

            var points = new List<NetWorthPoint>(days.Count);
            foreach (var day in days)
            {
                var dayItems = snapshots.Where(s => s.Date <= day).GroupBy(s => s.Account)
                    .SelectMany(g =>
                    {
                        var latest = g.Max(s => s.Date);
                        return items.TryGetValue((latest, g.Key.Source, g.Key.Id), out var list) ? list : [];
                    });
                var (total, bySource, byClass, unvalued, _) = NetWorthCalculator.Compute(dayItems, target, new CurrencyConverter(RatesForDay(rates, day)));
                points.Add(new NetWorthPoint(day, total, bySource, unvalued) { ByAssetClass = byClass });
            }
            return points;
        }
    }

    /// <summary>Per pair: the newest rate before the end of <paramref name="day"/>, else the oldest one known.</summary>
    private IEnumerable<ExchangeRate> RatesForDay(List<ExchangeRate> ratesByTime, DateOnly day)
    {
        var end = EndOfDay(day);
        return ratesByTime.GroupBy(r => (r.Base, r.Quote))
            .Select(g => g.LastOrDefault(r => r.Time < end) ?? g.First());
    }

    private DateTimeOffset EndOfDay(DateOnly day)
    {
        var local = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, settings.TimeZone.GetUtcOffset(local));
    }
}
