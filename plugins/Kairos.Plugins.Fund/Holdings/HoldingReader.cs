using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Storage;

namespace Kairos.Plugins.Fund.Holdings;

/// <summary>Reads ledgers and latest prices from the store and computes holdings.</summary>
internal static class HoldingReader
{
    /// <summary>The holding of every fund with a transaction (or only <paramref name="code"/>), by code.</summary>
    public static async Task<IReadOnlyList<(FundRecord? Fund, FundHolding Holding)>> ReadAsync(FundStore store, string? code, CancellationToken cancellationToken)
    {
        var ledger = await store.GetTransactionsAsync(code, null, cancellationToken).ConfigureAwait(false);
        var result = new List<(FundRecord?, FundHolding)>();
        foreach (var group in ledger.GroupBy(t => t.FundCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var fund = await store.GetFundAsync(group.Key, cancellationToken).ConfigureAwait(false);
            decimal? price;
            DateOnly? date;
            if (fund?.Kind == FundKind.MoneyMarket)
            {
                price = FundKinds.MoneyMarketUnitValue;
                date = (await store.GetLatestYieldAsync(group.Key, cancellationToken).ConfigureAwait(false))?.Date;
            }
            else
            {
                var nav = await store.GetLatestNavAsync(group.Key, cancellationToken).ConfigureAwait(false);
                (price, date) = (nav?.UnitNav, nav?.Date);
            }
            result.Add((fund, HoldingCalculator.Compute(group.Key, group, price, date)));
        }
        return result;
    }
}
