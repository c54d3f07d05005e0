namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>
/// One day of a money-market fund from <c>f10/lsjz</c>. For these funds the two values of a history row are not
/// NAVs: <c>DWJZ</c> is the income per 10,000 units and <c>LJJZ</c> the 7-day annualised yield. Units are worth 1.00.
/// </summary>
/// <param name="Date">Date (<c>FSRQ</c>).</param>
/// <param name="IncomePer10KUnits">Income per 10,000 units for the day, in the fund's currency (每万份收益, <c>DWJZ</c>).</param>
/// <param name="SevenDayAnnualisedYieldPercent">7-day annualised yield in percent (七日年化, <c>LJJZ</c>); <c>null</c> when not sent.</param>
/// <param name="SubscriptionStatus">Subscription status text (<c>SGZT</c>).</param>
/// <param name="RedemptionStatus">Redemption status text (<c>SHZT</c>).</param>
public sealed record MoneyMarketYieldPoint(
    DateOnly Date,
    decimal IncomePer10KUnits,
    decimal? SevenDayAnnualisedYieldPercent,
    string SubscriptionStatus,
    string RedemptionStatus);
