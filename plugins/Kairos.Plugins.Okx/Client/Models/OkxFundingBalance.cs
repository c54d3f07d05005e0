using System.Text.Json;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>
/// One currency of the funding account (<c>GET /api/v5/asset/balances</c>), separate from the trading account.
/// OKX lists only currencies with a balance above zero.
/// </summary>
/// <param name="Currency"><c>ccy</c>.</param>
/// <param name="Balance"><c>bal</c>.</param>
/// <param name="AvailableBalance"><c>availBal</c>.</param>
/// <param name="FrozenBalance"><c>frozenBal</c>.</param>
public sealed record OkxFundingBalance(string Currency, decimal? Balance, decimal? AvailableBalance, decimal? FrozenBalance)
{
    internal static OkxFundingBalance Parse(JsonElement item)
    {
        const string What = "funding balance";
        return new OkxFundingBalance(
            OkxJson.RequiredText(item, "ccy", What),
            OkxJson.Decimal(item, "bal", What),
            OkxJson.Decimal(item, "availBal", What),
            OkxJson.Decimal(item, "frozenBal", What));
    }
}
