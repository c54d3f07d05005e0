using System.Xml;
using Kairos.Plugins.Ibkr.Flex.Statements;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>Collects the rows of one <c>FlexStatement</c> element while the reader walks through it.</summary>
internal sealed class FlexStatementBuilder
{
    private readonly string _accountId;
    private readonly DateOnly? _fromDate;
    private readonly DateOnly? _toDate;
    private readonly string? _period;
    private readonly DateTime? _whenGenerated;
    private readonly List<FlexEquitySummary> _equity = [];
    private readonly List<FlexCashReportLine> _cash = [];
    private readonly List<FlexOpenPosition> _positions = [];
    private readonly List<FlexConversionRate> _rates = [];
    private FlexAccountInformation? _information;

    public FlexStatementBuilder(FlexAttributes statement)
    {
        _accountId = statement.Text("accountId") ?? throw new IbkrParseException("Flex statement: a FlexStatement has no accountId.");
        _fromDate = statement.Date("fromDate");
        _toDate = statement.Date("toDate");
        _period = statement.Text("period");
        _whenGenerated = statement.DateTime("whenGenerated");
    }

    /// <summary>Reads the element under the reader if it is one of the mapped rows; other sections are skipped.</summary>
    public void Add(XmlReader reader)
    {
        var a = new FlexAttributes(reader, reader.LocalName, _accountId);
        switch (reader.LocalName)
        {
            case "AccountInformation":
                _information = new FlexAccountInformation(
                    a.Text("accountId"), a.Text("acctAlias"), a.Text("currency"), a.Text("name"), a.Text("accountType"), a.Date("dateOpened"));
                break;
            case "EquitySummaryByReportDateInBase":
                _equity.Add(new FlexEquitySummary(
                    a.Date("reportDate"), a.Text("currency"), a.Decimal("cash"), a.Decimal("stock"), a.Decimal("options"), a.Decimal("funds"),
                    a.Decimal("interestAccruals"), a.Decimal("dividendAccruals"), a.Decimal("total"), a.Decimal("totalLong"), a.Decimal("totalShort")));
                break;
            case "CashReportCurrency":
                _cash.Add(new FlexCashReportLine(
                    a.Text("currency") ?? throw new IbkrParseException($"Flex statement of {_accountId}: a CashReportCurrency has no currency."),
                    a.Date("fromDate"), a.Date("toDate"), a.Decimal("startingCash"), a.Decimal("commissions"), a.Decimal("deposits"),
                    a.Decimal("withdrawals"), a.Decimal("dividends"), a.Decimal("brokerInterest"), a.Decimal("otherFees"),
                    a.Decimal("endingCash"), a.Decimal("endingSettledCash")));
                break;
            case "OpenPosition":
                _positions.Add(new FlexOpenPosition(
                    a.Int64("conid"), a.Text("symbol"), a.Text("description"), a.Text("assetCategory"), a.Text("currency"), a.Decimal("fxRateToBase"),
                    a.Text("isin"), a.Text("listingExchange"), a.Decimal("multiplier"), a.Decimal("strike"), a.Date("expiry"), a.Text("putCall"),
                    a.Date("reportDate"), a.Decimal("position"), a.Decimal("markPrice"), a.Decimal("positionValue"), a.Decimal("openPrice"),
                    a.Decimal("costBasisPrice"), a.Decimal("costBasisMoney"), a.Decimal("fifoPnlUnrealized"), a.Text("side"), a.Text("levelOfDetail")));
                break;
            case "ConversionRate":
                _rates.Add(new FlexConversionRate(a.Date("reportDate"), a.Text("fromCurrency"), a.Text("toCurrency"), a.Decimal("rate")));
                break;
        }
    }

    public FlexAccountStatement Build() =>
        new(_accountId, _fromDate, _toDate, _period, _whenGenerated, _information, _equity, _cash, _positions, _rates);
}
