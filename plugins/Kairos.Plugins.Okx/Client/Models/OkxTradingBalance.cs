using System.Text.Json;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>
/// The trading account (<c>GET /api/v5/account/balance</c>, <c>data[0]</c>). Fields OKX leaves <c>""</c> for the
/// account mode are null. Currencies whose cash and equity are both 0 are not listed by OKX.
/// </summary>
/// <param name="TotalEquityUsd"><c>totalEq</c>: total equity in USD.</param>
/// <param name="IsolatedEquityUsd"><c>isoEq</c>: isolated margin equity in USD.</param>
/// <param name="AdjustedEquityUsd"><c>adjEq</c>: adjusted (effective) equity in USD (margin modes only).</param>
/// <param name="AvailableEquityUsd"><c>availEq</c>: available equity in USD (margin modes only).</param>
/// <param name="UnrealizedPnlUsd"><c>upl</c>: unrealized profit and loss in USD.</param>
/// <param name="NotionalUsd"><c>notionalUsd</c>: notional value of positions in USD.</param>
/// <param name="UpdatedAt"><c>uTime</c>.</param>
/// <param name="Currencies"><c>details[]</c>, one entry per currency.</param>
public sealed record OkxTradingBalance(
    decimal? TotalEquityUsd,
    decimal? IsolatedEquityUsd,
    decimal? AdjustedEquityUsd,
    decimal? AvailableEquityUsd,
    decimal? UnrealizedPnlUsd,
    decimal? NotionalUsd,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<OkxCurrencyBalance> Currencies)
{
    internal static OkxTradingBalance Parse(JsonElement item)
    {
        const string What = "account balance";
        var currencies = new List<OkxCurrencyBalance>();
        if (item.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                currencies.Add(OkxCurrencyBalance.Parse(detail));
            }
        }
        return new OkxTradingBalance(
            OkxJson.Decimal(item, "totalEq", What),
            OkxJson.Decimal(item, "isoEq", What),
            OkxJson.Decimal(item, "adjEq", What),
            OkxJson.Decimal(item, "availEq", What),
            OkxJson.Decimal(item, "upl", What),
            OkxJson.Decimal(item, "notionalUsd", What),
            OkxJson.EpochMilliseconds(item, "uTime", What),
            currencies);
    }
}
