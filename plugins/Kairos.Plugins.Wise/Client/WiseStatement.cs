namespace Kairos.Plugins.Wise.Client;

/// <summary>A balance statement (<c>GET /v1/profiles/{id}/balance-statements/{balanceId}/statement.json</c>).</summary>
/// <param name="BalanceId">The balance (Wise's <c>query.accountId</c>).</param>
/// <param name="Currency">Statement currency.</param>
/// <param name="IntervalStart">Start of the statement interval, UTC.</param>
/// <param name="IntervalEnd">End of the statement interval, UTC.</param>
/// <param name="Transactions">Lines, as Wise orders them.</param>
/// <param name="EndOfStatementBalance">Balance at the end of the interval.</param>
public sealed record WiseStatement(
    long BalanceId,
    string Currency,
    DateTimeOffset IntervalStart,
    DateTimeOffset IntervalEnd,
    IReadOnlyList<WiseStatementTransaction> Transactions,
    WiseMoney? EndOfStatementBalance);

/// <summary>One statement line: the exact signed amount of a transaction on the balance.</summary>
/// <param name="ReferenceNumber">Stable key, e.g. <c>CARD-77001</c>.</param>
/// <param name="Date">Booking time, UTC.</param>
/// <param name="Type"><c>DEBIT</c> or <c>CREDIT</c>.</param>
/// <param name="Amount">Signed amount (negative for debits).</param>
/// <param name="TotalFees">Fees, when sent.</param>
/// <param name="DetailsType">Kind of transaction (<c>CARD</c>, <c>CONVERSION</c>, <c>DEPOSIT</c>, ...).</param>
/// <param name="Description">Wise's description.</param>
/// <param name="RunningBalance">Balance after the line, when sent.</param>
public sealed record WiseStatementTransaction(
    string ReferenceNumber,
    DateTimeOffset Date,
    string Type,
    WiseMoney Amount,
    WiseMoney? TotalFees,
    string? DetailsType,
    string? Description,
    WiseMoney? RunningBalance);

/// <summary>Statement layout.</summary>
public enum WiseStatementType
{
    /// <summary>One line per transaction.</summary>
    Compact,

    /// <summary>Fees on separate lines.</summary>
    Flat,
}
