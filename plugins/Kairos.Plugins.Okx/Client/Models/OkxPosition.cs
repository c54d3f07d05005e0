using System.Text.Json;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>An open position (<c>GET /api/v5/account/positions</c>). Enum-like fields are kept as OKX's raw strings.</summary>
/// <param name="InstrumentId"><c>instId</c> (<c>BTC-USDT-SWAP</c>).</param>
/// <param name="InstrumentType"><c>instType</c>: <c>MARGIN</c>, <c>SWAP</c>, <c>FUTURES</c>, <c>OPTION</c>.</param>
/// <param name="MarginMode"><c>mgnMode</c>: <c>cross</c> or <c>isolated</c>.</param>
/// <param name="PositionSide"><c>posSide</c>: <c>net</c>, <c>long</c> or <c>short</c>.</param>
/// <param name="Quantity"><c>pos</c>: contracts for derivatives (in <c>net</c> mode negative means short).</param>
/// <param name="PositionCurrency"><c>posCcy</c> (MARGIN positions).</param>
/// <param name="AveragePrice"><c>avgPx</c>.</param>
/// <param name="MarkPrice"><c>markPx</c>.</param>
/// <param name="LastPrice"><c>last</c>.</param>
/// <param name="UnrealizedPnl"><c>upl</c>.</param>
/// <param name="UnrealizedPnlRatio"><c>uplRatio</c>.</param>
/// <param name="NotionalUsd"><c>notionalUsd</c>.</param>
/// <param name="Leverage"><c>lever</c>.</param>
/// <param name="LiquidationPrice"><c>liqPx</c>.</param>
/// <param name="Margin"><c>margin</c> (isolated positions).</param>
/// <param name="RealizedPnl"><c>realizedPnl</c>.</param>
/// <param name="Currency"><c>ccy</c>: margin currency.</param>
/// <param name="PositionId"><c>posId</c> (a 64-bit id kept as text).</param>
/// <param name="CreatedAt"><c>cTime</c>.</param>
/// <param name="UpdatedAt"><c>uTime</c>.</param>
public sealed record OkxPosition(
    string InstrumentId,
    string? InstrumentType,
    string? MarginMode,
    string? PositionSide,
    decimal? Quantity,
    string? PositionCurrency,
    decimal? AveragePrice,
    decimal? MarkPrice,
    decimal? LastPrice,
    decimal? UnrealizedPnl,
    decimal? UnrealizedPnlRatio,
    decimal? NotionalUsd,
    decimal? Leverage,
    decimal? LiquidationPrice,
    decimal? Margin,
    decimal? RealizedPnl,
    string? Currency,
    string? PositionId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>
    /// The quantity with its direction: <c>long</c> positive, <c>short</c> negative (OKX reports both as positive in
    /// long/short mode), <c>net</c> as reported.
    /// </summary>
    public decimal? SignedQuantity => PositionSide switch
    {
        "short" => Quantity is { } q ? -Math.Abs(q) : null,
        "long" => Quantity is { } q ? Math.Abs(q) : null,
        _ => Quantity,
    };

    internal static OkxPosition Parse(JsonElement item)
    {
        const string What = "position";
        return new OkxPosition(
            OkxJson.RequiredText(item, "instId", What),
            OkxJson.Text(item, "instType"),
            OkxJson.Text(item, "mgnMode"),
            OkxJson.Text(item, "posSide"),
            OkxJson.Decimal(item, "pos", What),
            OkxJson.Text(item, "posCcy"),
            OkxJson.Decimal(item, "avgPx", What),
            OkxJson.Decimal(item, "markPx", What),
            OkxJson.Decimal(item, "last", What),
            OkxJson.Decimal(item, "upl", What),
            OkxJson.Decimal(item, "uplRatio", What),
            OkxJson.Decimal(item, "notionalUsd", What),
            OkxJson.Decimal(item, "lever", What),
            OkxJson.Decimal(item, "liqPx", What),
            OkxJson.Decimal(item, "margin", What),
            OkxJson.Decimal(item, "realizedPnl", What),
            OkxJson.Text(item, "ccy"),
            OkxJson.Text(item, "posId"),
            OkxJson.EpochMilliseconds(item, "cTime", What),
            OkxJson.EpochMilliseconds(item, "uTime", What));
    }
}
