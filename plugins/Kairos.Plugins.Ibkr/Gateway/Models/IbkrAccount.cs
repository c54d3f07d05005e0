using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway.Models;

/// <summary>An account the gateway session can see (<c>GET /portfolio/accounts</c>).</summary>
/// <param name="AccountId"><c>accountId</c> (or <c>id</c>): <c>U1234567</c>, paper accounts <c>DU…</c>.</param>
/// <param name="Currency"><c>currency</c>: the base currency.</param>
/// <param name="Type"><c>type</c>: <c>INDIVIDUAL</c>, <c>JOINT</c>, <c>DEMO</c>, … (raw).</param>
/// <param name="Alias"><c>accountAlias</c>, the user's own name for it.</param>
/// <param name="DisplayName"><c>displayName</c>.</param>
/// <param name="Title"><c>accountTitle</c>.</param>
/// <param name="TradingType"><c>tradingType</c>.</param>
public sealed record IbkrAccount(
    string AccountId,
    string? Currency,
    string? Type,
    string? Alias,
    string? DisplayName,
    string? Title,
    string? TradingType)
{
    internal static IbkrAccount Parse(JsonElement obj) => new(
        IbkrJson.Text(obj, "accountId") ?? IbkrJson.Text(obj, "id")
            ?? throw new IbkrParseException("IBKR accounts: an account has neither 'accountId' nor 'id'."),
        IbkrJson.Text(obj, "currency"),
        IbkrJson.Text(obj, "type"),
        IbkrJson.Text(obj, "accountAlias"),
        IbkrJson.Text(obj, "displayName"),
        IbkrJson.Text(obj, "accountTitle"),
        IbkrJson.Text(obj, "tradingType"));
}
