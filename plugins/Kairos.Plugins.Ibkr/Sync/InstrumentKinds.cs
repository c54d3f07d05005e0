namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>IBKR asset classes (<c>assetClass</c> of the gateway, <c>assetCategory</c> of Flex) as portfolio instrument kinds.</summary>
internal static class InstrumentKinds
{
    /// <summary>The portfolio kind: <c>STK</c> → <c>stock</c>, <c>OPT</c> → <c>option</c>, …; an unknown class lower-cased, none → <c>other</c>.</summary>
    public static string From(string? assetClass) => assetClass?.Trim().ToUpperInvariant() switch
    {
        null or "" => "other",
        "STK" => "stock",
        "ETF" => "etf",
        "OPT" => "option",
        "FOP" => "future_option",
        "FUT" => "future",
        "BOND" or "BILL" => "bond",
        "FUND" => "fund",
        "WAR" or "IOPT" => "warrant",
        "CFD" => "cfd",
        "CRYPTO" => "crypto",
        "CASH" => "fx",
        "CMDTY" => "commodity",
        "IND" => "index",
        var other => other.All(char.IsAsciiLetterOrDigit) ? other.ToLowerInvariant() : "other",
    };

    /// <summary>
    /// False where the position's value is already in the account's cash, so net worth must not count it twice:
    /// futures (their profit and loss is settled into cash every day) and <c>CASH</c> (currency) positions, which
    /// mirror the ledger's cash balances.
    /// </summary>
    public static bool CountsInNetWorth(string? assetClass) => assetClass?.Trim().ToUpperInvariant() is not ("FUT" or "CASH");
}
