using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Client;

namespace Kairos.Plugins.Wise.Transactions;

/// <summary>
/// Turns activities into portfolio transactions, keyed by the activity's id (so a re-sync updates instead of adding).
/// The amount is the exact signed amount of the matching statement line when a statement was read; otherwise it is
/// read from the display text, its direction from Wise's markup (<c>&lt;positive&gt;</c>, a sign) or the activity type.
/// </summary>
internal static class ActivityMapper
{
    // Activity types that bring money in when the display text does not say.
    private static readonly HashSet<string> Incoming = new(StringComparer.Ordinal) { "BALANCE_DEPOSIT", "BALANCE_INTEREST", "BALANCE_CASHBACK", "CASHBACK", "FEE_REFUND" };

    /// <summary>The transaction of an activity, or a reason why it cannot be recorded.</summary>
    public static (PortfolioTransaction? Transaction, string? Skipped, bool FromStatement) Map(WiseActivity activity, string accountId, StatementLines lines)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var display = DisplayAmount.TryParse(activity.PrimaryAmount);
        var line = lines.Find(activity.ResourceId, display?.Currency);
        decimal amount;
        string currency;
        decimal? fee = null;
        string? feeCurrency = null;
        if (line is not null)
        {
            amount = line.Amount.Value;
            currency = line.Amount.Currency;
            if (line.TotalFees is { Value: > 0 } fees)
            {
                fee = fees.Value;
                feeCurrency = fees.Currency == currency ? null : fees.Currency;
            }
        }
        else if (display is not null)
        {
            amount = IsIncoming(activity, display) ? display.Value : -display.Value;
            currency = display.Currency;
        }
        else
        {
            return (null, $"amount '{activity.PrimaryAmount}' is not 'number currency' and no statement line matches", false);
        }
        if (Codes.TryCurrency(currency) is not { } code)
        {
            return (null, $"currency '{currency}' is not a currency code", false);
        }
        var cancelled = activity.Status == "CANCELLED";
        var transaction = new PortfolioTransaction(WiseSource(), activity.Id, accountId, activity.CreatedOn, Kind(activity.Type, amount), cancelled ? 0m : amount, code)
        {
            Fee = cancelled ? null : fee,
            FeeCurrency = cancelled ? null : feeCurrency,
            Description = Describe(activity),
        };
        return (transaction, null, line is not null);
    }

    private static string WiseSource() => Sync.WiseSource.Source;

    private static bool IsIncoming(WiseActivity activity, DisplayAmount display)
    {
        if (display.Sign != 0)
        {
            return display.Sign > 0;
        }
        var markup = activity.Title + " " + activity.PrimaryAmount;
        if (markup.Contains("<positive>", StringComparison.Ordinal))
        {
            return true;
        }
        return !markup.Contains("<negative>", StringComparison.Ordinal) && Incoming.Contains(activity.Type);
    }

    private static string Kind(string type, decimal amount) => type switch
    {
        "INTERBALANCE" or "AUTO_CONVERSION" or "CONVERSION" => TransactionKinds.Fx,
        "BALANCE_INTEREST" or "BALANCE_CASHBACK" or "CASHBACK" => TransactionKinds.Other,
        _ when type.Contains("FEE", StringComparison.Ordinal) => TransactionKinds.Fee,
        _ => amount >= 0 ? TransactionKinds.Deposit : TransactionKinds.Withdrawal,
    };

    private static string Describe(WiseActivity activity)
    {
        var parts = new List<string> { activity.PlainTitle.Trim() };
        if (!string.IsNullOrWhiteSpace(activity.Description))
        {
            parts.Add(DisplayAmount.StripTags(activity.Description).Trim());
        }
        if (activity.Status != "COMPLETED")
        {
            parts.Add($"({activity.Status.ToLowerInvariant()})");
        }
        parts.Add($"[{activity.Type}]");
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }
}

/// <summary>
/// The lines of the statements read for a window, found by the number of their reference (<c>CARD-77001</c> → 77001),
/// which is the id of the activity's resource (a card transaction, a transfer).
/// </summary>
internal sealed class StatementLines
{
    private readonly Dictionary<string, List<WiseStatementTransaction>> _byNumber = new(StringComparer.Ordinal);
    private readonly HashSet<WiseStatementTransaction> _matched = [];

    public int Count => _byNumber.Values.Sum(l => l.Count);

    public int Matched => _matched.Count;

    public void Add(WiseStatementTransaction line)
    {
        var number = line.ReferenceNumber[(line.ReferenceNumber.LastIndexOf('-') + 1)..];
        if (!_byNumber.TryGetValue(number, out var list))
        {
            _byNumber[number] = list = [];
        }
        list.Add(line);
    }

    /// <summary>The line of a resource; when several balances have one (a conversion), the one in <paramref name="currency"/>.</summary>
    public WiseStatementTransaction? Find(string? resourceId, string? currency)
    {
        if (resourceId is null || !_byNumber.TryGetValue(resourceId, out var candidates))
        {
            return null;
        }
        var line = candidates.Count == 1 && (currency is null || candidates[0].Amount.Currency == currency)
            ? candidates[0]
            : candidates.FirstOrDefault(c => c.Amount.Currency == currency);
        if (line is not null)
        {
            _matched.Add(line);
        }
        return line;
    }
}
