namespace Kairos.Plugins.Fund.Funds;

/// <summary>
/// What kind of fund a code is. The source does not say reliably, so the user does when adding it. For a
/// money-market fund the history's two values are income per 10,000 units and the 7-day annualised yield (never
/// NAVs), and its units are worth 1.00 each.
/// </summary>
internal enum FundKind
{
    /// <summary>A fund with a daily unit NAV (equity, bond, mixed, index, QDII …).</summary>
    Standard,

    /// <summary>A money-market fund (货币基金).</summary>
    MoneyMarket,
}

internal static class FundKinds
{
    public const string StandardText = "standard";

    public const string MoneyMarketText = "money_market";

    /// <summary>The value of one unit of a money-market fund.</summary>
    public const decimal MoneyMarketUnitValue = 1.00m;

    public static string Text(FundKind kind) => kind == FundKind.MoneyMarket ? MoneyMarketText : StandardText;

    public static FundKind? TryParse(string? text) => text switch
    {
        StandardText => FundKind.Standard,
        MoneyMarketText => FundKind.MoneyMarket,
        _ => null,
    };
}

/// <summary>A fund the plugin knows: followed by the user, or known because a plan or transaction names it.</summary>
internal sealed record FundRecord(string Code, FundKind Kind, string? Name, bool Followed, DateTimeOffset AddedAt);
