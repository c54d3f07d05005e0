using System.Text;
using Kairos.Plugins.Ibkr.Flex;
using Kairos.Plugins.Ibkr.Flex.Statements;
using Kairos.Plugins.Ibkr.Tests.Support;

namespace Kairos.Plugins.Ibkr.Tests.Flex;

public class FlexStatementParserTests
{
    [Fact]
    public async Task The_one_account_fixture_is_read_exactly()
    {
        var result = await Parse(IbkrHarness.Fixture("flex-GetStatement.success.xml"));

        Assert.Equal(("daily-sync", "AF"), (result.QueryName, result.Type));
        var s = Assert.Single(result.Statements);
        Assert.Equal(("U9876543", new DateOnly(2024, 5, 31), new DateOnly(2024, 5, 31), "LastBusinessDay"), (s.AccountId, s.FromDate, s.ToDate, s.Period));
        Assert.Equal(new DateTime(2024, 6, 3, 4, 10, 2), s.WhenGenerated);
        Assert.Equal(("USD", "Alex Sample", "Individual", new DateOnly(2021, 1, 1)), (s.AccountInformation!.Currency, s.AccountInformation.Name, s.AccountInformation.AccountType, s.AccountInformation.DateOpened!.Value));
        Assert.Null(s.AccountInformation.Alias);

        var equity = Assert.Single(s.EquitySummary);
        Assert.Equal((new DateOnly(2024, 5, 31), 20386.85m, 36811.6m, 57206.6m), (equity.ReportDate!.Value, equity.Cash!.Value, equity.Stock!.Value, equity.Total!.Value));

        Assert.Equal(["BASE_SUMMARY", "EUR", "USD"], s.CashReport.Select(c => c.Currency));
        Assert.True(s.CashReport[0].IsBaseSummary);
        var usd = s.CashReport[2];
        Assert.Equal((18774.82m, -2m, -12.27m, 18760.55m, 18760.55m), (usd.StartingCash!.Value, usd.Commissions!.Value, usd.OtherFees!.Value, usd.EndingCash!.Value, usd.EndingSettledCash!.Value));

        Assert.Equal(["AAPL", "SPY"], s.OpenPositions.Select(p => p.Symbol));
        var spy = s.OpenPositions[1];
        Assert.Equal("SPDR S&P 500 ETF TRUST", spy.Description);
        Assert.Equal((756733L, 26m, 533m, 13858m, 14089.4m, -231.4m, 1m), (spy.Conid!.Value, spy.Quantity!.Value, spy.MarkPrice!.Value, spy.PositionValue!.Value, spy.CostBasisMoney!.Value, spy.FifoPnlUnrealized!.Value, spy.FxRateToBase!.Value));
        Assert.Equal(("STK", "USD", "US78462F1030", "SUMMARY", "Long"), (spy.AssetCategory, spy.Currency, spy.Isin, spy.LevelOfDetail, spy.Side));
        Assert.Null(spy.Strike);
        Assert.Null(spy.Expiry);

        var rate = Assert.Single(s.ConversionRates);
        Assert.Equal(("EUR", "USD", 1.0842m, new DateOnly(2024, 5, 31)), (rate.FromCurrency, rate.ToCurrency, rate.Rate!.Value, rate.ReportDate!.Value));
    }

    [Fact]
    public async Task A_multi_account_statement_with_other_date_formats_is_read_per_account()
    {
        var result = await Parse(IbkrHarness.ExtraFixture("flex-GetStatement.multi-account.xml"));

        Assert.Equal(["U1111111", "U2222222"], result.Statements.Select(s => s.AccountId));

        var first = result.Statements[0];
        Assert.Equal(new DateOnly(2024, 5, 31), first.FromDate);
        Assert.Equal(new DateTime(2024, 6, 3, 4, 10, 2), first.WhenGenerated); // "yyyy-MM-dd, HH:mm:ss"
        Assert.Equal(("EUR", "main & more"), (first.AccountInformation!.Currency, first.AccountInformation.Alias));
        var equity = Assert.Single(first.EquitySummary);
        Assert.Equal(0.00000001m, equity.InterestAccruals);
        Assert.Equal("1000.10000001", equity.Total!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(equity.Options);
        Assert.Empty(first.OpenPositions);
        Assert.Equal(990.05m, first.CashReport.Single(c => c.Currency == "EUR").EndingSettledCash);
        Assert.Equal("1000.10", first.CashReport.Single(c => c.IsBaseSummary).EndingCash!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var second = result.Statements[1];
        Assert.Equal((new DateOnly(2024, 5, 31), new DateOnly(2024, 5, 31)), (second.FromDate!.Value, second.ToDate!.Value)); // MM/dd/yyyy and MM/dd/yy
        Assert.Equal(new DateTime(2024, 5, 31, 23, 59, 58), second.WhenGenerated); // "MM/dd/yyyy HH:mm:ss"
        Assert.Null(second.AccountInformation!.DateOpened);
        Assert.Empty(second.EquitySummary);
        var cash = Assert.Single(second.CashReport);
        Assert.Equal((-1234.5678m, (decimal?)null, new DateOnly(2024, 5, 31)), (cash.EndingCash!.Value, cash.EndingSettledCash, cash.FromDate!.Value)); // dd-MMM-yy
        var option = second.OpenPositions[0];
        Assert.Equal(("OPT", -2m, 100m, 200m, new DateOnly(2024, 6, 21), "C", "Short"), (option.AssetCategory, option.Quantity!.Value, option.Multiplier!.Value, option.Strike!.Value, option.Expiry!.Value, option.PutCall, option.Side));
        var toyota = second.OpenPositions[1];
        Assert.Equal((100.5m, 0.0063694m, "JPY"), (toyota.Quantity!.Value, toyota.FxRateToBase!.Value, toyota.Currency));
        Assert.Equal(2, second.ConversionRates.Count);
    }

    [Fact]
    public async Task A_bad_number_fails_the_whole_statement_naming_the_place()
    {
        var xml = IbkrHarness.Fixture("flex-GetStatement.success.xml").Replace("endingCash=\"1500\"", "endingCash=\"1,500\"", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<Kairos.Plugins.Ibkr.IbkrParseException>(() => Parse(xml));

        Assert.Contains("U9876543", error.Message, StringComparison.Ordinal);
        Assert.Contains("CashReportCurrency@endingCash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_xml_is_a_parse_error()
    {
        var xml = IbkrHarness.Fixture("flex-GetStatement.success.xml")[..500];

        await Assert.ThrowsAsync<Kairos.Plugins.Ibkr.IbkrParseException>(() => Parse(xml));
    }

    [Fact]
    public async Task An_error_answer_is_thrown_as_a_flex_error()
    {
        var error = await Assert.ThrowsAsync<IbkrFlexException>(() => Parse(IbkrHarness.Fixture("flex-SendRequest.error-1012.xml")));

        Assert.Equal(1012, error.Code);
    }

    private static async Task<FlexQueryResult> Parse(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return await FlexStatementParser.ParseAsync(stream);
    }
}
