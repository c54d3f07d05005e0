using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>
/// Cash per currency (<c>GET /portfolio/{accountId}/ledger</c>). The entry keyed <c>BASE</c> is the aggregate in the
/// account's base currency (<see cref="IsBase"/>).
/// </summary>
/// <param name="Currency">The ledger key: a currency code or <c>BASE</c>.</param>
/// <param name="CashBalance"><c>cashbalance</c>.</param>
/// <param name="SettledCash"><c>settledcash</c>.</param>
/// <param name="ExchangeRate"><c>exchangerate</c>: to the base currency.</param>
/// <param name="NetLiquidationValue"><c>netliquidationvalue</c>.</param>
/// <param name="StockMarketValue"><c>stockmarketvalue</c>.</param>
/// <param name="UnrealizedPnl"><c>unrealizedpnl</c>.</param>
/// <param name="RealizedPnl"><c>realizedpnl</c>.</param>
/// <param name="Interest"><c>interest</c>.</param>
/// <param name="Dividends"><c>dividends</c>.</param>
/// <param name="Timestamp"><c>timestamp</c> (epoch <em>seconds</em> here).</param>
public sealed record IbkrLedgerEntry(
    string Currency,
    decimal? CashBalance,
    decimal? SettledCash,
    decimal? ExchangeRate,
    decimal? NetLiquidationValue,
    decimal? StockMarketValue,
    decimal? UnrealizedPnl,
    decimal? RealizedPnl,
    decimal? Interest,
    decimal? Dividends,
    DateTimeOffset? Timestamp)
{
    /// <summary>True for the <c>BASE</c> aggregate.</summary>
    public bool IsBase => Currency == "BASE";

    internal static IbkrLedgerEntry Parse(string key, JsonElement obj)
    {
        var what = "ledger " + key;
        return new IbkrLedgerEntry(
            key,
            IbkrJson.Decimal(obj, "cashbalance", what),
            IbkrJson.Decimal(obj, "settledcash", what),
            IbkrJson.Decimal(obj, "exchangerate", what),
            IbkrJson.Decimal(obj, "netliquidationvalue", what),
            IbkrJson.Decimal(obj, "stockmarketvalue", what),
            IbkrJson.Decimal(obj, "unrealizedpnl", what),
            IbkrJson.Decimal(obj, "realizedpnl", what),
            IbkrJson.Decimal(obj, "interest", what),
            IbkrJson.Decimal(obj, "dividends", what),
            IbkrJson.EpochSeconds(obj, "timestamp", what));
    }
}
