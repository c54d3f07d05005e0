using Kairos.Plugins.Fund.Transactions;

namespace Kairos.Plugins.Fund.Holdings;

/// <summary>A holding of one fund, computed from its ledger.</summary>
/// <param name="Code">The fund.</param>
/// <param name="Shares">Units held (confirmed buys − sells).</param>
/// <param name="Cost">What the units held cost, fees included (average-cost method: a sale removes its share of the cost).</param>
/// <param name="AverageCost">Cost ÷ shares, rounded half-up to 0.0001; null without shares.</param>
/// <param name="Nav">The latest NAV (1.00 for a money-market fund), or null when none is stored.</param>
/// <param name="NavDate">The date of <paramref name="Nav"/>, or null.</param>
/// <param name="MarketValue">Shares × NAV, rounded half-up to 0.01; null without a NAV.</param>
/// <param name="UnrealisedPnl">Market value − cost; null without a NAV.</param>
/// <param name="ReturnPercent">Unrealised P&amp;L ÷ cost in percent, rounded half-up to 0.01; null without a NAV or cost.</param>
/// <param name="RealisedPnl">What sales brought in over the cost they removed.</param>
/// <param name="PendingAmount">Yuan of purchases waiting for their NAV.</param>
/// <param name="Oversold">True when the ledger sells more units than it bought (a sale entered without its buys): the excess is ignored.</param>
internal sealed record FundHolding(
    string Code,
    decimal Shares,
    decimal Cost,
    decimal? AverageCost,
    decimal? Nav,
    DateOnly? NavDate,
    decimal? MarketValue,
    decimal? UnrealisedPnl,
    decimal? ReturnPercent,
    decimal RealisedPnl,
    decimal PendingAmount,
    bool Oversold);

/// <summary>Turns a fund's ledger into its holding (average-cost method).</summary>
internal static class HoldingCalculator
{
    private const decimal Cents = 0.00m;

    /// <param name="code">The fund.</param>
    /// <param name="ledger">Its transactions in dealing order.</param>
    /// <param name="nav">The latest NAV, or null.</param>
    /// <param name="navDate">Its date, or null.</param>
    public static FundHolding Compute(string code, IEnumerable<FundTransaction> ledger, decimal? nav, DateOnly? navDate)
    {
        decimal shares = 0m, cost = 0m, realised = 0m, pending = 0m;
        var oversold = false;
        foreach (var t in ledger)
        {
            if (t.Status != FundTransaction.Confirmed)
            {
                pending += t.IsBuy ? t.Amount : 0m;
                continue;
            }
            var units = t.Shares ?? 0m;
            if (t.IsBuy)
            {
                shares += units;
                cost += t.Amount;
                continue;
            }
            if (units > shares)
            {
                oversold = true;
                units = shares;
            }
            var removed = shares == 0m ? 0m : Math.Round(cost * units / shares, 2, MidpointRounding.AwayFromZero);
            cost -= removed;
            shares -= units;
            realised += t.Amount - removed;
        }
        // Adding 0.00m / 0.0000m only pads the scale, so answers read "1.1000" and "0.00" rather than "1.1" and "0".
        cost += Cents;
        decimal? average = shares > 0m ? Math.Round(cost / shares, 4, MidpointRounding.AwayFromZero) + 0.0000m : null;
        decimal? value = nav is { } price ? Math.Round(shares * price, 2, MidpointRounding.AwayFromZero) + Cents : null;
        decimal? pnl = value - cost;
        decimal? ret = pnl is { } p && cost > 0m ? Math.Round(p / cost * 100m, 2, MidpointRounding.AwayFromZero) + Cents : null;
        return new FundHolding(code, shares, cost, average, nav, navDate, value, pnl, ret, realised + Cents, pending + Cents, oversold);
    }
}
