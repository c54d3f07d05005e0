using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Plugins.Wise.Transactions;

/// <summary>
/// An amount read from the activity feed's display text (<c>"1,234.56 EUR"</c>, <c>"&lt;positive&gt;+ 100 EUR&lt;/positive&gt;"</c>).
/// Wise says not to treat that text as a number; it is the fallback when no statement line gives the exact amount.
/// </summary>
/// <param name="Value">The unsigned amount.</param>
/// <param name="Currency">The ISO 4217 code after the number.</param>
/// <param name="Sign">+1 or -1 when the text carries a sign, else 0.</param>
internal sealed partial record DisplayAmount(decimal Value, string Currency, int Sign)
{
    /// <summary>Reads the text, or null when it is not "number currency".</summary>
    public static DisplayAmount? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var match = Shape().Match(StripTags(text).Trim());
        if (!match.Success)
        {
            return null;
        }
        var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        var sign = match.Groups["sign"].Value switch { "+" => 1, "-" or "\u2212" => -1, _ => 0 };
        return new DisplayAmount(value, match.Groups["currency"].Value, sign);
    }

    /// <summary>The text without Wise's markup tags (<c>&lt;strong&gt;</c>, <c>&lt;positive&gt;</c>, …).</summary>
    public static string StripTags(string text) => Tags().Replace(text, "");

    [GeneratedRegex(@"^(?<sign>[+\-\u2212])?\s*(?<number>[0-9][0-9,\u00A0 ]*(\.[0-9]+)?)\s*(?<currency>[A-Z]{3})$")]
    private static partial Regex Shape();

    [GeneratedRegex("</?[a-zA-Z]+>")]
    private static partial Regex Tags();
}
