using System.Globalization;

namespace Kairos.Plugins.Portfolio.Http;

// The JSON shapes of the portfolio endpoints. Amounts are strings holding the exact decimal (JSON numbers would be
// read as binary floats by most clients); names become snake_case with the plugin's JSON options.

internal sealed record AccountList(IReadOnlyList<AccountView> Accounts);

internal sealed record AccountView(string Source, string AccountId, string? Name, string? Currency, string? Kind, DateTimeOffset? SyncedAt)
{
    public static AccountView From(PortfolioAccount a) => new(a.Source, a.AccountId, a.Name, a.Currency, a.Kind, a.SyncedAt);
}

internal sealed record BalanceList(IReadOnlyList<BalanceView> Balances);

internal sealed record BalanceView(string Source, string AccountId, string Asset, string AssetClass, string Total, string? Available, string? Frozen, DateTimeOffset AsOf)
{
    public static BalanceView From(PortfolioBalance b) =>
        new(b.Source, b.AccountId, b.Asset, b.AssetClass, Amount.Text(b.Total), Amount.Text(b.Available), Amount.Text(b.Frozen), b.AsOf);
}

internal sealed record PositionList(IReadOnlyList<PositionView> Positions);

internal sealed record PositionView(
    string Source, string AccountId, string InstrumentId, string InstrumentKind, string Side, string? Name, string Quantity,
    string? AverageCost, string? Price, string? MarketValue, string Currency, string? UnrealisedPnl, bool CountsInNetWorth, DateTimeOffset AsOf)
{
    public static PositionView From(PortfolioPosition p) =>
        new(p.Source, p.AccountId, p.InstrumentId, p.InstrumentKind, p.Side == PositionSide.Short ? "short" : "long", p.Name, Amount.Text(p.Quantity),
            Amount.Text(p.AverageCost), Amount.Text(p.Price), Amount.Text(p.MarketValue), p.Currency, Amount.Text(p.UnrealisedPnl), p.CountsInNetWorth, p.AsOf);
}

internal sealed record TransactionList(IReadOnlyList<TransactionView> Transactions, string? NextCursor);

internal sealed record TransactionView(
    string Source, string ExternalId, string AccountId, DateTimeOffset OccurredAt, string Kind, string Amount, string Currency,
    string? Fee, string? FeeCurrency, string? InstrumentId, string? Quantity, string? Price, string? Description)
{
    public static TransactionView From(PortfolioTransaction t) =>
        new(t.Source, t.ExternalId, t.AccountId, t.OccurredAt, t.Kind, Http.Amount.Text(t.Amount), t.Currency, Http.Amount.Text(t.Fee), t.FeeCurrency,
            t.InstrumentId, Http.Amount.Text(t.Quantity), Http.Amount.Text(t.Price), t.Description);
}

internal sealed record RateList(IReadOnlyList<RateView> Rates);

internal sealed record RateView(string Base, string Quote, string Rate, DateTimeOffset Time, string Source)
{
    public static RateView From(ExchangeRate r) => new(r.Base, r.Quote, Amount.Text(r.Rate), r.Time, r.Source);
}

internal sealed record SourceShare(string Source, string Amount);

internal sealed record ClassShare(string AssetClass, string Amount);

internal sealed record UnvaluedView(string Source, string AccountId, string Item, string Currency, string? Amount, string Reason)
{
    public static UnvaluedView From(UnvaluedAmount u) => new(u.Source, u.AccountId, u.Item, u.Currency, Http.Amount.Text(u.Amount), u.Reason);
}

internal sealed record NetWorthView(
    string Currency, string Total, DateTimeOffset? AsOf, IReadOnlyList<SourceShare> BySource, IReadOnlyList<ClassShare> ByAssetClass,
    IReadOnlyList<UnvaluedView> Unvalued, IReadOnlyList<RateView> RatesUsed)
{
    public static NetWorthView From(NetWorthReport r) =>
        new(r.Currency, Amount.Text(r.Total), r.AsOf,
            r.BySource.Select(s => new SourceShare(s.Key, Amount.Text(s.Amount))).ToList(),
            r.ByAssetClass.Select(s => new ClassShare(s.Key, Amount.Text(s.Amount))).ToList(),
            r.Unvalued.Select(UnvaluedView.From).ToList(),
            r.RatesUsed.Select(RateView.From).ToList());
}

internal sealed record NetWorthHistoryView(string Currency, IReadOnlyList<NetWorthPointView> Points);

internal sealed record NetWorthPointView(string Date, string Total, IReadOnlyList<SourceShare> BySource, IReadOnlyList<UnvaluedView> Unvalued)
{
    public static NetWorthPointView From(NetWorthPoint p) =>
        new(p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Amount.Text(p.Total),
            p.BySource.Select(s => new SourceShare(s.Key, Amount.Text(s.Amount))).ToList(),
            p.Unvalued.Select(UnvaluedView.From).ToList());
}

/// <summary>Decimals as exact invariant text.</summary>
internal static class Amount
{
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
