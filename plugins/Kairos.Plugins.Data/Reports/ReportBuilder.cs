using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Data.Reports;

/// <summary>Builds a <see cref="PortfolioReport"/> from what the portfolio exports (<see cref="IPortfolioStore"/>), nothing else.</summary>
internal sealed class ReportBuilder(IPortfolioStore store)
{
    private const int TransactionPage = 500;

    public static string ReportId(ReportPeriod period, string currency) => $"portfolio-{period.Name}-{currency.ToLowerInvariant()}";

    public async Task<PortfolioReport> BuildAsync(ReportPeriod period, string currency, TimeSpan staleAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var history = await store.GetNetWorthHistoryAsync(currency, null, cancellationToken).ConfigureAwait(false);
        var start = At(history.LastOrDefault(p => p.Date < period.From));
        var endPoint = history.LastOrDefault(p => p.Date <= period.To);
        var end = At(endPoint);
        var inPeriod = history.Where(p => p.Date >= period.From && p.Date <= period.To).Select(p => new HistoryPoint(p.Date, p.Total)).ToList();

        var netWorth = await store.GetNetWorthAsync(currency, cancellationToken).ConfigureAwait(false);
        var converter = new RateConverter(await store.GetLatestExchangeRatesAsync(null, null, cancellationToken).ConfigureAwait(false));
        var holdings = Holdings(await store.GetPositionsAsync(null, cancellationToken).ConfigureAwait(false), converter, currency);
        var balances = (await store.GetBalancesAsync(null, cancellationToken).ConfigureAwait(false))
            .GroupBy(b => b.Asset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var total = g.Sum(b => b.Total);
                return new BalanceLine(g.Key, g.First().AssetClass, total, g.Select(b => (b.Source, b.AccountId)).Distinct().Count(), converter.Convert(total, g.Key, currency));
            }).ToList();
        var contributions = await ContributionsAsync(period, converter, currency, cancellationToken).ConfigureAwait(false);
        var sources = Sources(await store.GetAccountsAsync(null, cancellationToken).ConfigureAwait(false), staleAfter, now);

        var rates = netWorth.RatesUsed.Concat(converter.Used).Distinct()
            .OrderBy(r => r.Base, StringComparer.Ordinal).ThenBy(r => r.Quote, StringComparer.Ordinal).ThenBy(r => r.Source, StringComparer.Ordinal)
            .Select(r => new RateLine(r.Base, r.Quote, r.Rate, r.Time, r.Source)).ToList();
        var assetClasses = new AssetClassBreakdown(netWorth.AsOf, netWorth.Total,
            netWorth.ByAssetClass.Select(s => new ShareLine(s.Key, s.Amount, Percent(s.Amount, netWorth.Total))).ToList());
        var unvalued = (endPoint?.Unvalued ?? []).Select(u => new UnvaluedLine(u.Source, u.AccountId, u.Item, u.Currency, u.Amount, u.Reason)).ToList();

        return new PortfolioReport(ReportId(period, currency), period.Name, period.From, period.To, period.Zone.Id, currency, now,
            start, end, Change(start, end), inPeriod, assetClasses, holdings, contributions, balances, rates, sources, unvalued);
    }

    private static NetWorthAt At(NetWorthPoint? point) =>
        point is null
            ? new NetWorthAt(null, 0m, [], [])
            : new NetWorthAt(point.Date, point.Total, point.BySource.Select(s => new AmountLine(s.Key, s.Amount)).ToList(),
                point.ByAssetClass.Select(s => new AmountLine(s.Key, s.Amount)).ToList());

    private static NetWorthChange Change(NetWorthAt start, NetWorthAt end)
    {
        var sources = start.BySource.Select(s => s.Key).Union(end.BySource.Select(s => s.Key)).Order(StringComparer.Ordinal);
        var bySource = sources.Select(source =>
        {
            var from = start.BySource.FirstOrDefault(s => s.Key == source)?.Amount ?? 0m;
            var to = end.BySource.FirstOrDefault(s => s.Key == source)?.Amount ?? 0m;
            return new SourceChange(source, from, to, to - from);
        }).ToList();
        var change = end.Total - start.Total;
        return new NetWorthChange(change, Percent(change, start.Total), bySource);
    }

    private static decimal? Percent(decimal part, decimal whole) =>
        whole == 0m ? null : Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);

    private static HoldingsSection Holdings(IReadOnlyList<PortfolioPosition> positions, RateConverter converter, string currency)
    {
        var items = positions
            .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.AccountId, StringComparer.Ordinal).ThenBy(p => p.InstrumentId, StringComparer.Ordinal).ThenBy(p => p.Side)
            .Select(p =>
            {
                decimal? cost = p.AverageCost is { } average ? average * p.Quantity : null;
                decimal? pnlPercent = p.UnrealisedPnl is { } pnl && cost is { } c && c != 0m ? Percent(pnl, c) : null;
                return new HoldingLine(p.Source, p.AccountId, p.InstrumentId, p.Name, p.InstrumentKind, p.Side == PositionSide.Short ? "short" : "long",
                    p.Quantity, p.AverageCost, p.Price, p.MarketValue, p.Currency, p.UnrealisedPnl, cost, pnlPercent,
                    converter.Convert(p.MarketValue, p.Currency, currency), converter.Convert(p.UnrealisedPnl, p.Currency, currency));
            }).ToList();
        return new HoldingsSection(items, items.Sum(h => h.MarketValueConverted ?? 0m), items.Sum(h => h.UnrealisedPnlConverted ?? 0m));
    }

    private async Task<ContributionsSection> ContributionsAsync(ReportPeriod period, RateConverter converter, string currency, CancellationToken cancellationToken)
    {
        var items = new List<ContributionLine>();
        string? cursor = null;
        do
        {
            var page = await store.GetTransactionsAsync(
                new TransactionQuery { Since = period.Start, Until = period.End, Cursor = cursor, Limit = TransactionPage }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items.Where(t => t.Kind is TransactionKinds.Buy or TransactionKinds.DcaBuy)
                .Select(t => new ContributionLine(t.OccurredAt, t.Source, t.AccountId, t.ExternalId, t.Kind, t.InstrumentId, -t.Amount, t.Currency)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        items.Reverse();
        var byCurrency = items.GroupBy(i => i.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sum = g.Sum(i => i.Amount);
                return new CurrencyAmount(g.Key, sum, converter.Convert(sum, g.Key, currency));
            }).ToList();
        return new ContributionsSection(items, byCurrency, byCurrency.Sum(c => c.Converted ?? 0m));
    }

    private static SourcesSection Sources(IReadOnlyList<PortfolioAccount> accounts, TimeSpan staleAfter, DateTimeOffset now)
    {
        var items = accounts.GroupBy(a => a.Source, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var last = g.Max(a => a.SyncedAt);
                return new SourceLine(g.Key, g.Count(), last, last is null || last < now - staleAfter);
            }).ToList();
        return new SourcesSection((int)staleAfter.TotalHours, items, items.Where(s => s.Stale).Select(s => s.Source).ToList());
    }
}
