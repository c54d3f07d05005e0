namespace Kairos.Plugins.Fund.Navs;

/// <summary>An official NAV as stored (standard funds).</summary>
internal sealed record StoredNav(string Code, DateOnly Date, decimal UnitNav, decimal? AccumulatedNav, decimal? DailyChangePercent);

/// <summary>A money-market fund's day as stored: income per 10,000 units and the 7-day annualised yield (%).</summary>
internal sealed record StoredYield(string Code, DateOnly Date, decimal IncomePer10K, decimal? SevenDayYieldPercent);
