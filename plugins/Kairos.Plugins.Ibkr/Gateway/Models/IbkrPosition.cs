using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>A position (<c>GET /portfolio/{accountId}/positions/{pageId}</c>).</summary>
/// <param name="AccountId"><c>acctId</c>.</param>
/// <param name="Conid"><c>conid</c>: IBKR's contract id.</param>
/// <param name="ContractDescription"><c>contractDesc</c>.</param>
/// <param name="Ticker"><c>ticker</c>.</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="AssetClass"><c>assetClass</c>: <c>STK</c>, <c>OPT</c>, <c>FUT</c>, <c>CASH</c>, <c>BOND</c>, … (raw).</param>
/// <param name="Currency"><c>currency</c>.</param>
/// <param name="Quantity"><c>position</c>: signed, may be fractional.</param>
/// <param name="MarketPrice"><c>mktPrice</c>.</param>
/// <param name="MarketValue"><c>mktValue</c>.</param>
/// <param name="AverageCost"><c>avgCost</c>.</param>
/// <param name="AveragePrice"><c>avgPrice</c>.</param>
/// <param name="UnrealizedPnl"><c>unrealizedPnl</c>.</param>
/// <param name="RealizedPnl"><c>realizedPnl</c>.</param>
/// <param name="Multiplier"><c>multiplier</c>.</param>
/// <param name="PutOrCall"><c>putOrCall</c>.</param>
/// <param name="Strike"><c>strike</c> (a string on the wire).</param>
/// <param name="Expiry"><c>expiry</c> (raw).</param>
/// <param name="ListingExchange"><c>listingExchange</c>.</param>
/// <param name="ChineseName"><c>chineseName</c>, HTML entities decoded.</param>
public sealed record IbkrPosition(
    string? AccountId,
    long Conid,
    string? ContractDescription,
    string? Ticker,
    string? Name,
    string? AssetClass,
    string? Currency,
    decimal? Quantity,
    decimal? MarketPrice,
    decimal? MarketValue,
    decimal? AverageCost,
    decimal? AveragePrice,
    decimal? UnrealizedPnl,
    decimal? RealizedPnl,
    decimal? Multiplier,
    string? PutOrCall,
    decimal? Strike,
    string? Expiry,
    string? ListingExchange,
    string? ChineseName)
{
    internal static IbkrPosition Parse(JsonElement obj)
    {
        const string What = "position";
        return new IbkrPosition(
            IbkrJson.Text(obj, "acctId"),
            IbkrJson.Int64(obj, "conid", What) ?? throw new IbkrParseException("IBKR position: field 'conid' is missing."),
            IbkrJson.HtmlText(obj, "contractDesc"),
            IbkrJson.Text(obj, "ticker"),
            IbkrJson.HtmlText(obj, "name"),
            IbkrJson.Text(obj, "assetClass"),
            IbkrJson.Text(obj, "currency"),
            IbkrJson.Decimal(obj, "position", What),
            IbkrJson.Decimal(obj, "mktPrice", What),
            IbkrJson.Decimal(obj, "mktValue", What),
            IbkrJson.Decimal(obj, "avgCost", What),
            IbkrJson.Decimal(obj, "avgPrice", What),
            IbkrJson.Decimal(obj, "unrealizedPnl", What),
            IbkrJson.Decimal(obj, "realizedPnl", What),
            IbkrJson.Decimal(obj, "multiplier", What),
            IbkrJson.Text(obj, "putOrCall"),
            IbkrJson.Decimal(obj, "strike", What),
            IbkrJson.Text(obj, "expiry"),
            IbkrJson.Text(obj, "listingExchange"),
            IbkrJson.HtmlText(obj, "chineseName"));
    }
}
