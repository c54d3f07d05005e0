namespace Kairos.Plugins.Ibkr.Flex.Statements;

/// <summary>A parsed Activity Flex statement (<c>FlexQueryResponse</c>): one <see cref="FlexAccountStatement"/> per account.</summary>
/// <param name="QueryName"><c>queryName</c>.</param>
/// <param name="Type"><c>type</c> (<c>AF</c> = activity).</param>
/// <param name="Statements">One per account (<c>FlexStatement</c>).</param>
public sealed record FlexQueryResult(string? QueryName, string? Type, IReadOnlyList<FlexAccountStatement> Statements);

/// <summary>
/// One account's statement. Sections missing from the query are empty lists. Amounts are exact decimals; an empty
/// attribute is null.
/// </summary>
/// <param name="AccountId"><c>accountId</c>.</param>
/// <param name="FromDate"><c>fromDate</c>.</param>
/// <param name="ToDate"><c>toDate</c>.</param>
/// <param name="Period"><c>period</c> (<c>LastBusinessDay</c>, …).</param>
/// <param name="WhenGenerated"><c>whenGenerated</c>, statement-local time (IBKR states no zone).</param>
/// <param name="AccountInformation">The <c>AccountInformation</c> element, when present.</param>
/// <param name="EquitySummary"><c>EquitySummaryByReportDateInBase</c> rows.</param>
/// <param name="CashReport"><c>CashReportCurrency</c> rows, the <c>BASE_SUMMARY</c> pseudo-currency included.</param>
/// <param name="OpenPositions"><c>OpenPosition</c> rows (summary and lot rows; see <see cref="FlexOpenPosition.LevelOfDetail"/>).</param>
/// <param name="ConversionRates"><c>ConversionRate</c> rows.</param>
public sealed record FlexAccountStatement(
    string AccountId,
    DateOnly? FromDate,
    DateOnly? ToDate,
    string? Period,
    DateTime? WhenGenerated,
    FlexAccountInformation? AccountInformation,
    IReadOnlyList<FlexEquitySummary> EquitySummary,
    IReadOnlyList<FlexCashReportLine> CashReport,
    IReadOnlyList<FlexOpenPosition> OpenPositions,
    IReadOnlyList<FlexConversionRate> ConversionRates);

/// <summary>The <c>AccountInformation</c> element.</summary>
/// <param name="AccountId"><c>accountId</c>.</param>
/// <param name="Alias"><c>acctAlias</c>.</param>
/// <param name="Currency"><c>currency</c>: the base currency.</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="AccountType"><c>accountType</c>.</param>
/// <param name="DateOpened"><c>dateOpened</c>.</param>
public sealed record FlexAccountInformation(string? AccountId, string? Alias, string? Currency, string? Name, string? AccountType, DateOnly? DateOpened);

/// <summary>An <c>EquitySummaryByReportDateInBase</c> row (values in the base currency).</summary>
/// <param name="ReportDate"><c>reportDate</c>.</param>
/// <param name="Currency"><c>currency</c>.</param>
/// <param name="Cash"><c>cash</c>.</param>
/// <param name="Stock"><c>stock</c>.</param>
/// <param name="Options"><c>options</c>.</param>
/// <param name="Funds"><c>funds</c>.</param>
/// <param name="InterestAccruals"><c>interestAccruals</c>.</param>
/// <param name="DividendAccruals"><c>dividendAccruals</c>.</param>
/// <param name="Total"><c>total</c>.</param>
/// <param name="TotalLong"><c>totalLong</c>.</param>
/// <param name="TotalShort"><c>totalShort</c>.</param>
public sealed record FlexEquitySummary(
    DateOnly? ReportDate,
    string? Currency,
    decimal? Cash,
    decimal? Stock,
    decimal? Options,
    decimal? Funds,
    decimal? InterestAccruals,
    decimal? DividendAccruals,
    decimal? Total,
    decimal? TotalLong,
    decimal? TotalShort);

/// <summary>A <c>CashReportCurrency</c> row: cash of one currency, or the totals in base currency (<see cref="IsBaseSummary"/>).</summary>
/// <param name="Currency"><c>currency</c> (<c>BASE_SUMMARY</c> for the totals row).</param>
/// <param name="FromDate"><c>fromDate</c>.</param>
/// <param name="ToDate"><c>toDate</c>.</param>
/// <param name="StartingCash"><c>startingCash</c>.</param>
/// <param name="Commissions"><c>commissions</c>.</param>
/// <param name="Deposits"><c>deposits</c>.</param>
/// <param name="Withdrawals"><c>withdrawals</c>.</param>
/// <param name="Dividends"><c>dividends</c>.</param>
/// <param name="BrokerInterest"><c>brokerInterest</c>.</param>
/// <param name="OtherFees"><c>otherFees</c>.</param>
/// <param name="EndingCash"><c>endingCash</c>.</param>
/// <param name="EndingSettledCash"><c>endingSettledCash</c>.</param>
public sealed record FlexCashReportLine(
    string Currency,
    DateOnly? FromDate,
    DateOnly? ToDate,
    decimal? StartingCash,
    decimal? Commissions,
    decimal? Deposits,
    decimal? Withdrawals,
    decimal? Dividends,
    decimal? BrokerInterest,
    decimal? OtherFees,
    decimal? EndingCash,
    decimal? EndingSettledCash)
{
    /// <summary>The pseudo-currency name of the totals row.</summary>
    public const string BaseSummary = "BASE_SUMMARY";

    /// <summary>True for the totals row in base currency.</summary>
    public bool IsBaseSummary => Currency == BaseSummary;
}

/// <summary>An <c>OpenPosition</c> row.</summary>
/// <param name="Conid"><c>conid</c>.</param>
/// <param name="Symbol"><c>symbol</c>.</param>
/// <param name="Description"><c>description</c> (XML entities decoded).</param>
/// <param name="AssetCategory"><c>assetCategory</c>: <c>STK</c>, <c>OPT</c>, … (raw).</param>
/// <param name="Currency"><c>currency</c>.</param>
/// <param name="FxRateToBase"><c>fxRateToBase</c>.</param>
/// <param name="Isin"><c>isin</c>.</param>
/// <param name="ListingExchange"><c>listingExchange</c>.</param>
/// <param name="Multiplier"><c>multiplier</c>.</param>
/// <param name="Strike"><c>strike</c>.</param>
/// <param name="Expiry"><c>expiry</c>.</param>
/// <param name="PutCall"><c>putCall</c>.</param>
/// <param name="ReportDate"><c>reportDate</c>.</param>
/// <param name="Quantity"><c>position</c>.</param>
/// <param name="MarkPrice"><c>markPrice</c>.</param>
/// <param name="PositionValue"><c>positionValue</c>.</param>
/// <param name="OpenPrice"><c>openPrice</c>.</param>
/// <param name="CostBasisPrice"><c>costBasisPrice</c>.</param>
/// <param name="CostBasisMoney"><c>costBasisMoney</c>.</param>
/// <param name="FifoPnlUnrealized"><c>fifoPnlUnrealized</c>.</param>
/// <param name="Side"><c>side</c> (<c>Long</c>/<c>Short</c>).</param>
/// <param name="LevelOfDetail"><c>levelOfDetail</c>: <c>SUMMARY</c> rows versus <c>LOT</c> rows.</param>
public sealed record FlexOpenPosition(
    long? Conid,
    string? Symbol,
    string? Description,
    string? AssetCategory,
    string? Currency,
    decimal? FxRateToBase,
    string? Isin,
    string? ListingExchange,
    decimal? Multiplier,
    decimal? Strike,
    DateOnly? Expiry,
    string? PutCall,
    DateOnly? ReportDate,
    decimal? Quantity,
    decimal? MarkPrice,
    decimal? PositionValue,
    decimal? OpenPrice,
    decimal? CostBasisPrice,
    decimal? CostBasisMoney,
    decimal? FifoPnlUnrealized,
    string? Side,
    string? LevelOfDetail);

/// <summary>A <c>ConversionRate</c> row.</summary>
/// <param name="ReportDate"><c>reportDate</c>.</param>
/// <param name="FromCurrency"><c>fromCurrency</c>.</param>
/// <param name="ToCurrency"><c>toCurrency</c>.</param>
/// <param name="Rate"><c>rate</c>.</param>
public sealed record FlexConversionRate(DateOnly? ReportDate, string? FromCurrency, string? ToCurrency, decimal? Rate);
