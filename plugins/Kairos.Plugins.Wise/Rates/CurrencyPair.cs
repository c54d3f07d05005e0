namespace Kairos.Plugins.Wise.Rates;

/// <summary>A currency pair: one unit of <paramref name="Source"/> in <paramref name="Target"/>, written <c>EUR/USD</c>.</summary>
/// <param name="Source">ISO 4217 code (three capital letters).</param>
/// <param name="Target">ISO 4217 code (three capital letters).</param>
public sealed record CurrencyPair(string Source, string Target)
{
    /// <summary>Reads <c>EUR/USD</c> (case-insensitive, spaces allowed), or null when it is not two different ISO 4217 codes.</summary>
    public static CurrencyPair? TryParse(string? text)
    {
        var parts = text?.Split('/', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 })
        {
            return null;
        }
        var (source, target) = (Iso(parts[0]), Iso(parts[1]));
        return source is not null && target is not null && source != target ? new CurrencyPair(source, target) : null;
    }

    /// <summary>The ISO 4217 code in upper case, or null when <paramref name="code"/> is not three ASCII letters.</summary>
    public static string? Iso(string? code) =>
        code?.Trim() is { Length: 3 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : null;

    /// <inheritdoc />
    public override string ToString() => $"{Source}/{Target}";
}
