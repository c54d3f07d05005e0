namespace Kairos.Plugins.Portfolio;

/// <summary>The shape rules of codes and ids in the portfolio.</summary>
public static class Codes
{
    /// <summary>Longest source, account, instrument or external id accepted.</summary>
    public const int MaxIdLength = 200;

    /// <summary>
    /// A currency or asset code normalised to upper case (<c>cny</c> → <c>CNY</c>, <c>usdt</c> → <c>USDT</c>), or null
    /// when it is not 2–20 ASCII letters or digits.
    /// </summary>
    public static string? TryCurrency(string? code)
    {
        var text = code?.Trim();
        return text is { Length: >= 2 and <= 20 } && text.All(char.IsAsciiLetterOrDigit) ? text.ToUpperInvariant() : null;
    }

    internal static string Currency(string? code, string what) =>
        TryCurrency(code) ?? throw new ArgumentException($"{what} '{code}' is not a currency or asset code (2–20 letters or digits, e.g. CNY, USDT).", what);

    internal static string Id(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is empty.", what);
        }
        if (value.Length > MaxIdLength)
        {
            throw new ArgumentException($"{what} '{value[..20]}…' is longer than {MaxIdLength} characters.", what);
        }
        return value;
    }

    internal static string Word(string? value, string what)
    {
        var text = Id(value, what).Trim().ToLowerInvariant();
        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? text : throw new ArgumentException($"{what} '{value}' must be letters, digits, '_' or '-' (e.g. cash, fund).", what);
    }
}
