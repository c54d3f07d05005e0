namespace Kairos.Plugins.Portfolio.Valuation;

/// <summary>Something that may count in net worth: a balance, or a position's market value.</summary>
/// <param name="Source">Its source.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Item">How to name it when it cannot be valued.</param>
/// <param name="AssetClass">Its class in the breakdown.</param>
/// <param name="Currency">The currency of <paramref name="Amount"/>.</param>
/// <param name="Amount">Its value, or null when there is none (a position without market value).</param>
internal sealed record ValuedItem(string Source, string AccountId, string Item, string AssetClass, string Currency, decimal? Amount)
{
    public static ValuedItem FromBalance(string source, string accountId, string asset, string assetClass, decimal total) =>
        new(source, accountId, $"balance {asset}", assetClass, asset, total);

    public static ValuedItem? FromPosition(string source, string accountId, string instrumentId, PositionSide side, string kind, string currency, decimal? marketValue, bool counts) =>
        counts ? new(source, accountId, $"position {instrumentId} ({(side == PositionSide.Short ? "short" : "long")})", kind, currency, marketValue) : null;
}

/// <summary>Sums items into one currency, with the breakdowns and the list of what could not be valued.</summary>
internal static class NetWorthCalculator
{
    public static (decimal Total, IReadOnlyList<NetWorthShare> BySource, IReadOnlyList<NetWorthShare> ByClass, IReadOnlyList<UnvaluedAmount> Unvalued, IReadOnlyList<ExchangeRate> RatesUsed)
        Compute(IEnumerable<ValuedItem> items, string currency, CurrencyConverter converter)
    {
        var bySource = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byClass = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var unvalued = new List<UnvaluedAmount>();
        var used = new HashSet<ExchangeRate>();
        var total = 0m;
        foreach (var item in items)
        {
            if (item.Amount is not { } amount)
            {
                unvalued.Add(new UnvaluedAmount(item.Source, item.AccountId, item.Item, item.Currency, null, "no market value"));
                continue;
            }
            if (converter.Convert(amount, item.Currency, currency, used) is not { } value)
            {
                unvalued.Add(new UnvaluedAmount(item.Source, item.AccountId, item.Item, item.Currency, amount, $"no exchange rate from {item.Currency} to {currency}"));
                continue;
            }
            total += value;
            bySource[item.Source] = bySource.GetValueOrDefault(item.Source) + value;
            byClass[item.AssetClass] = byClass.GetValueOrDefault(item.AssetClass) + value;
        }
        return (total,
            bySource.Select(kv => new NetWorthShare(kv.Key, kv.Value)).ToList(),
            byClass.Select(kv => new NetWorthShare(kv.Key, kv.Value)).ToList(),
            unvalued,
            used.OrderBy(r => r.Base, StringComparer.Ordinal).ThenBy(r => r.Quote, StringComparer.Ordinal).ToList());
    }
}
