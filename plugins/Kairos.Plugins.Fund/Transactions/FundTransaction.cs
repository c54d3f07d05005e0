namespace Kairos.Plugins.Fund.Transactions;

/// <summary>
/// One purchase or sale of fund units in the plugin's ledger: a DCA purchase (pending until its trade date's NAV is
/// known, then confirmed) or a buy/sell made elsewhere and entered by hand (confirmed as entered).
/// </summary>
/// <param name="TransactionId">The id (<c>dca-&lt;plan&gt;-&lt;yyyyMMdd&gt;</c> or <c>manual-…</c>); also its external id in the portfolio.</param>
/// <param name="FundCode">The fund.</param>
/// <param name="Kind"><c>dca_buy</c>, <c>buy</c> or <c>sell</c> (the portfolio's transaction kinds).</param>
/// <param name="Status"><c>pending</c> or <c>confirmed</c>.</param>
/// <param name="PlanId">The DCA plan, or null.</param>
/// <param name="DueDate">The plan's due date it fulfils, or null.</param>
/// <param name="TradeDate">The day whose NAV prices it.</param>
/// <param name="Amount">Yuan: paid for a buy (fee included), received for a sell (fee deducted).</param>
/// <param name="FeeRate">The fee rate of a DCA purchase, or null.</param>
/// <param name="Fee">The fee in yuan, once known.</param>
/// <param name="NetAmount">Amount minus fee for a buy, once known.</param>
/// <param name="Nav">The NAV it was dealt at, once known.</param>
/// <param name="Shares">Units bought or sold, once known.</param>
/// <param name="Note">Free text.</param>
/// <param name="ExternalId">The caller's id of a manual transaction (re-posting it changes nothing), or null.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ConfirmedAt">When it was confirmed, or null.</param>
internal sealed record FundTransaction(
    string TransactionId,
    string FundCode,
    string Kind,
    string Status,
    string? PlanId,
    DateOnly? DueDate,
    DateOnly TradeDate,
    decimal Amount,
    decimal? FeeRate,
    decimal? Fee,
    decimal? NetAmount,
    decimal? Nav,
    decimal? Shares,
    string? Note,
    string? ExternalId,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ConfirmedAt)
{
    public const string Pending = "pending";

    public const string Confirmed = "confirmed";

    public bool IsBuy => Kind is Portfolio.TransactionKinds.Buy or Portfolio.TransactionKinds.DcaBuy;
}
