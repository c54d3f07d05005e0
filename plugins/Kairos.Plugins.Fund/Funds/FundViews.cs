using System.Globalization;
using System.Text.Json.Serialization;
using Kairos.Plugins.Fund.Holdings;
using Kairos.Plugins.Fund.Storage;

namespace Kairos.Plugins.Fund.Funds;

// JSON shapes of /funds. Amounts, NAVs and rates are strings holding the exact decimal.

internal sealed record FundList(IReadOnlyList<FundView> Funds);

internal sealed record FundView(string Code, string? Name, string Kind, bool Followed, NavView? LatestNav, YieldView? LatestYield, EstimateView? Estimate, HoldingView? Holding)
{
    public static async Task<FundView> BuildAsync(FundStore store, FundRecord fund, CancellationToken cancellationToken)
    {
        NavView? nav = null;
        YieldView? yield = null;
        EstimateView? estimate = null;
        if (fund.Kind == FundKind.MoneyMarket)
        {
            if (await store.GetLatestYieldAsync(fund.Code, cancellationToken).ConfigureAwait(false) is { } y)
            {
                yield = new YieldView(Date(y.Date), Text(y.IncomePer10K), Text(y.SevenDayYieldPercent), Text(FundKinds.MoneyMarketUnitValue));
            }
        }
        else
        {
            if (await store.GetLatestNavAsync(fund.Code, cancellationToken).ConfigureAwait(false) is { } n)
            {
                nav = new NavView(Date(n.Date), Text(n.UnitNav), Text(n.AccumulatedNav), Text(n.DailyChangePercent));
            }
            if (await store.GetEstimateAsync(fund.Code, cancellationToken).ConfigureAwait(false) is { } e)
            {
                estimate = new EstimateView(Text(e.EstimatedNav), Text(e.EstimatedChangePercent), e.EstimateTime, Text(e.OfficialNav), Date(e.OfficialNavDate));
            }
        }
        var holding = (await HoldingReader.ReadAsync(store, fund.Code, cancellationToken).ConfigureAwait(false)).Select(h => h.Holding).FirstOrDefault();
        return new FundView(fund.Code, fund.Name, FundKinds.Text(fund.Kind), fund.Followed, nav, yield, estimate, holding is null ? null : HoldingView.From(holding));
    }

    internal static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The latest official NAV of a standard fund.</summary>
internal sealed record NavView(string Date, string UnitNav, string? AccumulatedNav, string? DailyChangePercent);

/// <summary>The latest day of a money-market fund: income per 10,000 units, 7-day annualised yield (%), and the unit value (always 1.00).</summary>
internal sealed record YieldView(
    string Date,
    [property: JsonPropertyName("income_per_10k")] string IncomePer10K,
    [property: JsonPropertyName("seven_day_yield_percent")] string? SevenDayYieldPercent,
    string UnitValue);

/// <summary>The latest intraday estimate fetched.</summary>
internal sealed record EstimateView(string EstimatedNav, string EstimatedChangePercent, DateTimeOffset EstimateTime, string OfficialNav, string OfficialNavDate);

/// <summary>A fund holding.</summary>
internal sealed record HoldingView(
    string Shares, string Cost, string? AverageCost, string? Nav, string? NavDate, string? MarketValue, string? UnrealisedPnl, string? ReturnPercent,
    string RealisedPnl, string PendingAmount)
{
    public static HoldingView From(FundHolding h) =>
        new(FundView.Text(h.Shares), FundView.Text(h.Cost), FundView.Text(h.AverageCost), FundView.Text(h.Nav), h.NavDate is { } d ? FundView.Date(d) : null,
            FundView.Text(h.MarketValue), FundView.Text(h.UnrealisedPnl), FundView.Text(h.ReturnPercent), FundView.Text(h.RealisedPnl), FundView.Text(h.PendingAmount));
}
