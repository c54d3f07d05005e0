using System.Text.Json;

namespace Kairos.Plugins.Okx.Client.Models;

/// <summary>
/// A ticker (<c>/api/v5/market/ticker</c> or <c>/tickers</c>). Illiquid instruments can have no bid or ask (null).
/// Volumes: SPOT <c>vol24h</c> is in the base currency and <c>volCcy24h</c> in the quote currency; for derivatives
/// <c>vol24h</c> is in contracts and <c>volCcy24h</c> in the base currency.
/// </summary>
/// <param name="InstrumentType"><c>instType</c>.</param>
/// <param name="InstrumentId"><c>instId</c>.</param>
/// <param name="Last"><c>last</c>: last traded price.</param>
/// <param name="LastSize"><c>lastSz</c>.</param>
/// <param name="AskPrice"><c>askPx</c>.</param>
/// <param name="AskSize"><c>askSz</c>.</param>
/// <param name="BidPrice"><c>bidPx</c>.</param>
/// <param name="BidSize"><c>bidSz</c>.</param>
/// <param name="Open24h"><c>open24h</c>.</param>
/// <param name="High24h"><c>high24h</c>.</param>
/// <param name="Low24h"><c>low24h</c>.</param>
/// <param name="Volume24h"><c>vol24h</c>.</param>
/// <param name="VolumeCurrency24h"><c>volCcy24h</c>.</param>
/// <param name="OpenUtc0"><c>sodUtc0</c>: open price at 00:00 UTC.</param>
/// <param name="OpenUtc8"><c>sodUtc8</c>: open price at 00:00 UTC+8.</param>
/// <param name="Time"><c>ts</c>.</param>
public sealed record OkxTicker(
    string? InstrumentType,
    string InstrumentId,
    decimal? Last,
    decimal? LastSize,
    decimal? AskPrice,
    decimal? AskSize,
    decimal? BidPrice,
    decimal? BidSize,
    decimal? Open24h,
    decimal? High24h,
    decimal? Low24h,
    decimal? Volume24h,
    decimal? VolumeCurrency24h,
    decimal? OpenUtc0,
    decimal? OpenUtc8,
    DateTimeOffset? Time)
{
    internal static OkxTicker Parse(JsonElement item)
    {
        const string What = "ticker";
        return new OkxTicker(
            OkxJson.Text(item, "instType"),
            OkxJson.RequiredText(item, "instId", What),
            OkxJson.Decimal(item, "last", What),
            OkxJson.Decimal(item, "lastSz", What),
            OkxJson.Decimal(item, "askPx", What),
            OkxJson.Decimal(item, "askSz", What),
            OkxJson.Decimal(item, "bidPx", What),
            OkxJson.Decimal(item, "bidSz", What),
            OkxJson.Decimal(item, "open24h", What),
            OkxJson.Decimal(item, "high24h", What),
            OkxJson.Decimal(item, "low24h", What),
            OkxJson.Decimal(item, "vol24h", What),
            OkxJson.Decimal(item, "volCcy24h", What),
            OkxJson.Decimal(item, "sodUtc0", What),
            OkxJson.Decimal(item, "sodUtc8", What),
            OkxJson.EpochMilliseconds(item, "ts", What));
    }
}
