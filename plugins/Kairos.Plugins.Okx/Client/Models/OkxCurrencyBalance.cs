using System.Text.Json;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>One currency of the trading account (<c>details[]</c> of <c>/api/v5/account/balance</c>).</summary>
/// <param name="Currency"><c>ccy</c>.</param>
/// <param name="Equity"><c>eq</c>: equity of the currency.</param>
/// <param name="CashBalance"><c>cashBal</c>.</param>
/// <param name="AvailableBalance"><c>availBal</c>.</param>
/// <param name="FrozenBalance"><c>frozenBal</c>.</param>
/// <param name="OrderFrozen"><c>ordFrozen</c>: margin frozen for open orders.</param>
/// <param name="EquityUsd"><c>eqUsd</c>: equity in USD.</param>
/// <param name="AvailableEquity"><c>availEq</c>.</param>
/// <param name="DiscountEquityUsd"><c>disEq</c>: discounted equity in USD.</param>
/// <param name="UnrealizedPnl"><c>upl</c>.</param>
/// <param name="Liability"><c>liab</c>.</param>
/// <param name="Interest"><c>interest</c>: accrued interest.</param>
/// <param name="UpdatedAt"><c>uTime</c>.</param>
public sealed record OkxCurrencyBalance(
    string Currency,
    decimal? Equity,
    decimal? CashBalance,
    decimal? AvailableBalance,
    decimal? FrozenBalance,
    decimal? OrderFrozen,
    decimal? EquityUsd,
    decimal? AvailableEquity,
    decimal? DiscountEquityUsd,
    decimal? UnrealizedPnl,
    decimal? Liability,
    decimal? Interest,
    DateTimeOffset? UpdatedAt)
{
    internal static OkxCurrencyBalance Parse(JsonElement detail)
    {
        const string What = "account balance detail";
        return new OkxCurrencyBalance(
            OkxJson.RequiredText(detail, "ccy", What),
            OkxJson.Decimal(detail, "eq", What),
            OkxJson.Decimal(detail, "cashBal", What),
            OkxJson.Decimal(detail, "availBal", What),
            OkxJson.Decimal(detail, "frozenBal", What),
            OkxJson.Decimal(detail, "ordFrozen", What),
            OkxJson.Decimal(detail, "eqUsd", What),
            OkxJson.Decimal(detail, "availEq", What),
            OkxJson.Decimal(detail, "disEq", What),
            OkxJson.Decimal(detail, "upl", What),
            OkxJson.Decimal(detail, "liab", What),
            OkxJson.Decimal(detail, "interest", What),
            OkxJson.EpochMilliseconds(detail, "uTime", What));
    }
}
