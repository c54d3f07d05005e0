using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Transactions;

namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// Confirms pending purchases whose trade date's NAV is stored (a money-market fund's units are worth 1.00: its
/// purchase is confirmed once the day's yield is stored), with <see cref="DcaMath.Confirm"/>. Idempotent: a purchase
/// is confirmed once, whichever task gets there first.
/// </summary>
internal static class PurchaseConfirmer
{
    public static async Task<IReadOnlyList<FundTransaction>> ConfirmAsync(FundStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var confirmed = new List<FundTransaction>();
        var kinds = new Dictionary<string, FundKind>(StringComparer.Ordinal);
        foreach (var p in await store.GetTransactionsAsync(null, FundTransaction.Pending, cancellationToken).ConfigureAwait(false))
        {
            if (!kinds.TryGetValue(p.FundCode, out var kind))
            {
                kinds[p.FundCode] = kind = (await store.GetFundAsync(p.FundCode, cancellationToken).ConfigureAwait(false))?.Kind ?? FundKind.Standard;
            }
            var nav = kind == FundKind.MoneyMarket
                ? (await store.GetYieldAsync(p.FundCode, p.TradeDate, cancellationToken).ConfigureAwait(false) is null ? null : FundKinds.MoneyMarketUnitValue)
                : (await store.GetNavAsync(p.FundCode, p.TradeDate, cancellationToken).ConfigureAwait(false))?.UnitNav;
            if (nav is not { } price)
            {
                continue;
            }
            var (net, fee, shares) = DcaMath.Confirm(p.Amount, p.FeeRate ?? 0m, price);
            if (await store.ConfirmAsync(p.TransactionId, fee, net, price, shares, now, cancellationToken).ConfigureAwait(false))
            {
                confirmed.Add(p with { Status = FundTransaction.Confirmed, Fee = fee, NetAmount = net, Nav = price, Shares = shares, ConfirmedAt = now });
            }
        }
        return confirmed;
    }
}
