namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>eastmoney's intraday estimate of a fund's NAV (a model value, not the official NAV).</summary>
/// <param name="Code">Fund code.</param>
/// <param name="Name">Fund short name as eastmoney shows it.</param>
/// <param name="OfficialNav">Last official unit NAV (<c>dwjz</c>), every digit kept.</param>
/// <param name="OfficialNavDate">Date of <paramref name="OfficialNav"/> (<c>jzrq</c>).</param>
/// <param name="EstimatedNav">Estimated unit NAV for today (<c>gsz</c>).</param>
/// <param name="EstimatedChangePercent">Estimated change against <paramref name="OfficialNav"/>, in percent (<c>-0.42</c> = −0.42 %).</param>
/// <param name="EstimateTime">When the estimate was made, Beijing time (+08:00).</param>
public sealed record FundEstimate(
    string Code,
    string Name,
    decimal OfficialNav,
    DateOnly OfficialNavDate,
    decimal EstimatedNav,
    decimal EstimatedChangePercent,
    DateTimeOffset EstimateTime);
