using Kairos.Plugins.Ibkr.Flex.Statements;
using Kairos.Plugins.Ibkr.Gateway.Models;
using Kairos.Plugins.Ibkr.Sync;
using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Ibkr.Tests.Sync;

public sealed class MappingTests
{
    private static readonly IbkrAccount Account = new("U1", "USD", "INDIVIDUAL", null, "Sam", null, null);

    [Theory]
    [InlineData("STK", "stock", true)]
    [InlineData("opt", "option", true)]
    [InlineData("FOP", "future_option", true)]
    [InlineData("FUT", "future", false)]
    [InlineData("CASH", "fx", false)]
    [InlineData("BILL", "bond", true)]
    [InlineData("WAR", "warrant", true)]
    [InlineData("NEWCLASS", "newclass", true)]
    [InlineData("A.B", "other", true)]
    [InlineData(null, "other", true)]
    public void Asset_classes_become_portfolio_kinds(string? assetClass, string kind, bool counts)
    {
        Assert.Equal(kind, InstrumentKinds.From(assetClass));
        Assert.Equal(counts, InstrumentKinds.CountsInNetWorth(assetClass));
    }

    [Fact]
    public void Gateway_positions_leave_out_closed_ones_keep_the_first_of_a_repeat_and_fall_back_to_the_base_currency()
    {
        IbkrPosition[] positions =
        [
            Position(1, 10m, "EUR"),
            Position(2, 0m, "USD"),
            Position(1, 12m, "EUR"),
            Position(3, -4m, null),
        ];

        var snapshot = GatewayMapping.Positions(Account, positions);

        Assert.Equal([("1", PositionSide.Long, 10m, "EUR"), ("3", PositionSide.Short, 4m, "USD")],
            snapshot.Positions!.Select(p => (p.InstrumentId, p.Side, p.Quantity, p.Currency)));
        Assert.Contains(snapshot.Notes, n => n.Contains("contract 1 is listed twice", StringComparison.Ordinal));
        Assert.Null(snapshot.Cash); // a position sync leaves the cash as stored
    }

    [Fact]
    public void Gateway_cash_leaves_out_the_base_aggregate_and_zero_balances_and_reads_rates_to_the_base_currency()
    {
        var now = new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero);
        IbkrLedgerEntry[] ledger =
        [
            Ledger("BASE", 100m, 1m),
            Ledger("USD", 90m, 1m),
            Ledger("CHF", 0m, 1.1m),
            Ledger("EUR", -10m, 1.08m),
        ];

        var snapshot = GatewayMapping.Balances(Account, new IbkrAccountSummary("U1", new Dictionary<string, IbkrSummaryValue>()), ledger, now);

        Assert.Equal([("USD", 90m), ("EUR", -10m)], snapshot.Balances!.Select(b => (b.Asset, b.Total)));
        Assert.Equal([("CHF", "USD", 1.1m), ("EUR", "USD", 1.08m)], snapshot.Rates.Select(r => (r.Base, r.Quote, r.Rate)));
        Assert.All(snapshot.Rates, r => Assert.Equal(now, r.Time));
        Assert.Null(snapshot.Positions);
    }

    [Fact]
    public void Flex_positions_use_the_summary_rows_and_the_side_attribute()
    {
        var statement = new FlexAccountStatement("U1", null, null, null, null, new FlexAccountInformation("U1", null, "USD", "Sam", null, null), [], [],
        [
            Open(7, 5m, "Long", "SUMMARY"),
            Open(7, 2m, "Long", "LOT"),
            Open(8, -3m, null, null),
        ], []);

        var snapshot = FlexMapping.Account(statement, DateTimeOffset.UnixEpoch);

        Assert.Equal([("7", PositionSide.Long, 5m), ("8", PositionSide.Short, 3m)], snapshot.Positions!.Select(p => (p.InstrumentId, p.Side, p.Quantity)));
        Assert.Equal("Sam", snapshot.Name);
        Assert.Empty(snapshot.Cash!);
    }

    private static IbkrPosition Position(long conid, decimal quantity, string? currency) =>
        new("U1", conid, "X", "X", "X CORP", "STK", currency, quantity, 1m, quantity, 1m, 1m, 0m, 0m, 0m, null, 0m, null, null, null);

    private static IbkrLedgerEntry Ledger(string currency, decimal cash, decimal rate) =>
        new(currency, cash, cash, rate, cash, 0m, 0m, 0m, 0m, 0m, null);

    private static FlexOpenPosition Open(long conid, decimal quantity, string? side, string? level) =>
        new(conid, "S", "Stock", "STK", "USD", 1m, null, null, 1m, null, null, null, null, quantity, 1m, quantity, 1m, 1m, quantity, 0m, side, level);
}
