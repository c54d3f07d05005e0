namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// A portfolio report for one period, in one currency. Net worth at start and end, by source and by asset class,
/// comes from the portfolio's daily snapshots (start: the close of the day before the period; end: the close of its
/// last day). Holdings, balances and the asset-class shares are the portfolio's CURRENT state at
/// <see cref="GeneratedAt"/>, which for the default run on the 1st is the end of the period.
/// </summary>
/// <param name="Id">The report's id (<c>portfolio-2026-10-cny</c>): one report per period and currency, regenerating replaces it.</param>
/// <param name="Period">The month, <c>yyyy-MM</c>.</param>
/// <param name="From">Its first day.</param>
/// <param name="To">Its last day (inclusive).</param>
/// <param name="TimeZone">The zone of its days.</param>
/// <param name="Currency">The currency of every converted amount.</param>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="Start">Net worth at the start.</param>
/// <param name="End">Net worth at the end.</param>
/// <param name="Change">End minus start.</param>
/// <param name="History">Net worth on each day of the period that has snapshots.</param>
/// <param name="AssetClasses">Net worth by asset class (current).</param>
/// <param name="Holdings">The open positions with their P&amp;L (current).</param>
/// <param name="Contributions">Money put in during the period: transactions of kind buy and dca_buy.</param>
/// <param name="Balances">Balances summed per currency or asset (current).</param>
/// <param name="RatesUsed">The exchange rates the conversions used.</param>
/// <param name="Sources">Each source's last sync and whether it is stale.</param>
/// <param name="Unvalued">What the end net worth could not count, and why.</param>
public sealed record PortfolioReport(
    string Id,
    string Period,
    DateOnly From,
    DateOnly To,
    string TimeZone,
    string Currency,
    DateTimeOffset GeneratedAt,
    NetWorthAt Start,
    NetWorthAt End,
    NetWorthChange Change,
    IReadOnlyList<HistoryPoint> History,
    AssetClassBreakdown AssetClasses,
    HoldingsSection Holdings,
    ContributionsSection Contributions,
    IReadOnlyList<BalanceLine> Balances,
    IReadOnlyList<RateLine> RatesUsed,
    SourcesSection Sources,
    IReadOnlyList<UnvaluedLine> Unvalued);

/// <summary>Net worth on a day.</summary>
/// <param name="Date">The snapshot day it comes from, or null when there was no snapshot yet (then 0).</param>
/// <param name="Total">The total.</param>
/// <param name="BySource">The total per source.</param>
/// <param name="ByAssetClass">The total per asset class (from that day's snapshots).</param>
public sealed record NetWorthAt(DateOnly? Date, decimal Total, IReadOnlyList<AmountLine> BySource, IReadOnlyList<AmountLine> ByAssetClass);

/// <summary>A named amount.</summary>
public sealed record AmountLine(string Key, decimal Amount);

/// <summary>The change of net worth over the period.</summary>
/// <param name="Amount">End minus start.</param>
/// <param name="Percent">The change relative to the start, rounded to 0.01, or null when the start is 0.</param>
/// <param name="BySource">Per source: start, end and change.</param>
public sealed record NetWorthChange(decimal Amount, decimal? Percent, IReadOnlyList<SourceChange> BySource);

/// <summary>One source's change.</summary>
public sealed record SourceChange(string Source, decimal Start, decimal End, decimal Change);

/// <summary>Net worth on one day.</summary>
public sealed record HistoryPoint(DateOnly Date, decimal Total);

/// <summary>Net worth by asset class.</summary>
/// <param name="AsOf">The newest sync counted.</param>
/// <param name="Total">The current net worth.</param>
/// <param name="Items">Per asset class: amount and share of the total (percent, 0.01).</param>
public sealed record AssetClassBreakdown(DateTimeOffset? AsOf, decimal Total, IReadOnlyList<ShareLine> Items);

/// <summary>An amount and its share of a total.</summary>
public sealed record ShareLine(string Key, decimal Amount, decimal? Percent);

/// <summary>The open positions.</summary>
/// <param name="Items">Each position.</param>
/// <param name="MarketValue">Their market value in the report's currency (those that could be converted).</param>
/// <param name="UnrealisedPnl">Their unrealised P&amp;L in the report's currency (those that could be converted).</param>
public sealed record HoldingsSection(IReadOnlyList<HoldingLine> Items, decimal MarketValue, decimal UnrealisedPnl);

/// <summary>One position with its P&amp;L.</summary>
/// <param name="CostBasis">Quantity × average cost, when the cost is known.</param>
/// <param name="PnlPercent">Unrealised P&amp;L relative to the cost basis (percent, 0.01), when both are known.</param>
/// <param name="MarketValueConverted">Market value in the report's currency, or null (unknown value or no rate).</param>
/// <param name="UnrealisedPnlConverted">Unrealised P&amp;L in the report's currency, or null.</param>
public sealed record HoldingLine(
    string Source,
    string AccountId,
    string InstrumentId,
    string? Name,
    string Kind,
    string Side,
    decimal Quantity,
    decimal? AverageCost,
    decimal? Price,
    decimal? MarketValue,
    string Currency,
    decimal? UnrealisedPnl,
    decimal? CostBasis,
    decimal? PnlPercent,
    decimal? MarketValueConverted,
    decimal? UnrealisedPnlConverted);

/// <summary>The money put in during the period.</summary>
/// <param name="Items">Each buy and dca_buy, oldest first.</param>
/// <param name="ByCurrency">The total paid per currency, with its value in the report's currency.</param>
/// <param name="Total">The sum in the report's currency (of the currencies that could be converted).</param>
public sealed record ContributionsSection(IReadOnlyList<ContributionLine> Items, IReadOnlyList<CurrencyAmount> ByCurrency, decimal Total);

/// <summary>One contribution.</summary>
/// <param name="Amount">Money paid (positive: the transaction's amount with the sign turned).</param>
public sealed record ContributionLine(DateTimeOffset OccurredAt, string Source, string AccountId, string ExternalId, string Kind, string? InstrumentId, decimal Amount, string Currency);

/// <summary>An amount in a currency and its value in the report's currency (null when no rate connects them).</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount, decimal? Converted);

/// <summary>The balances of one currency or asset, summed over every account.</summary>
public sealed record BalanceLine(string Asset, string AssetClass, decimal Total, int Accounts, decimal? Converted);

/// <summary>An exchange rate a conversion used.</summary>
public sealed record RateLine(string Base, string Quote, decimal Rate, DateTimeOffset Time, string Source);

/// <summary>The sources and their freshness.</summary>
/// <param name="StaleAfterHours">A source whose newest sync is older than this, at generation, is stale.</param>
/// <param name="Items">Each source.</param>
/// <param name="Stale">The stale sources' names.</param>
public sealed record SourcesSection(int StaleAfterHours, IReadOnlyList<SourceLine> Items, IReadOnlyList<string> Stale);

/// <summary>A source's freshness.</summary>
/// <param name="LastSyncedAt">Its newest complete sync, or null when it never synced.</param>
public sealed record SourceLine(string Source, int Accounts, DateTimeOffset? LastSyncedAt, bool Stale);

/// <summary>Something the net worth could not count.</summary>
public sealed record UnvaluedLine(string Source, string AccountId, string Item, string Currency, decimal? Amount, string Reason);
