using System.Diagnostics.CodeAnalysis;

namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>Chinese mutual-fund codes: exactly six ASCII digits, leading zeros kept (<c>000001</c>).</summary>
public static class FundCode
{
    /// <summary>Is <paramref name="code"/> a well-formed fund code?</summary>
    public static bool IsValid([NotNullWhen(true)] string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>Throws <see cref="ArgumentException"/> naming the code unless it is six digits.</summary>
    public static string EnsureValid(string? code, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(code))] string? paramName = null)
    {
        if (!IsValid(code))
        {
            throw new ArgumentException($"Fund code '{code}' is not valid: a fund code is exactly 6 digits, e.g. 000001.", paramName);
        }
        return code;
    }
}
