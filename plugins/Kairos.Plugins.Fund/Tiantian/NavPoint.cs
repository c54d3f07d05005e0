namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>One official NAV of a standard (non-money-market) fund, from <c>f10/lsjz</c>. Values keep every digit sent.</summary>
/// <param name="Date">NAV date (<c>FSRQ</c>).</param>
/// <param name="UnitNav">Unit NAV (<c>DWJZ</c>).</param>
/// <param name="AccumulatedNav">Accumulated NAV (<c>LJJZ</c>); <c>null</c> when not sent.</param>
/// <param name="DailyChangePercent">Daily growth in percent (<c>JZZZL</c>); <c>null</c> when not applicable.</param>
/// <param name="SubscriptionStatus">Subscription status text (<c>SGZT</c>), e.g. <c>开放申购</c>.</param>
/// <param name="RedemptionStatus">Redemption status text (<c>SHZT</c>), e.g. <c>开放赎回</c>.</param>
/// <param name="DividendNote">Dividend/split text (<c>FHSP</c>); <c>null</c> when none.</param>
public sealed record NavPoint(
    DateOnly Date,
    decimal UnitNav,
    decimal? AccumulatedNav,
    decimal? DailyChangePercent,
    string SubscriptionStatus,
    string RedemptionStatus,
    string? DividendNote);
