namespace Kairos.Plugins.Portfolio;

/// <summary>
/// The kinds of transaction the portfolio knows. The portfolio owns this list: a transaction of any other kind is
/// refused, so every source speaks the same words (map a source's own types onto these, and <see cref="Other"/>
/// for what fits none).
/// </summary>
public static class TransactionKinds
{
    /// <summary>A purchase of an instrument.</summary>
    public const string Buy = "buy";

    /// <summary>A sale of an instrument.</summary>
    public const string Sell = "sell";

    /// <summary>A purchase made by a dollar-cost-averaging (定投) plan.</summary>
    public const string DcaBuy = "dca_buy";

    /// <summary>A dividend or other distribution received.</summary>
    public const string Dividend = "dividend";

    /// <summary>Money paid into the account.</summary>
    public const string Deposit = "deposit";

    /// <summary>Money taken out of the account.</summary>
    public const string Withdrawal = "withdrawal";

    /// <summary>A move between accounts of the same owner.</summary>
    public const string Transfer = "transfer";

    /// <summary>A fee charged on its own (not part of a trade).</summary>
    public const string Fee = "fee";

    /// <summary>A currency exchange.</summary>
    public const string Fx = "fx";

    /// <summary>Anything else (interest, corrections, …); say what in the description.</summary>
    public const string Other = "other";

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Buy, Sell, DcaBuy, Dividend, Deposit, Withdrawal, Transfer, Fee, Fx, Other];

    /// <summary>True when <paramref name="kind"/> is one of <see cref="All"/> (exact, lower case).</summary>
    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
