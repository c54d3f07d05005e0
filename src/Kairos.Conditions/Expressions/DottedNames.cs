using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// NCalc reads <c>config.enabled</c> as an error: a dotted identifier must be written <c>[config.enabled]</c>.
/// Conditions are friendlier with the plain form, so dotted names outside string literals are wrapped in
/// brackets before NCalc parses the text. A map from the rewritten text back to the original keeps NCalc's
/// error positions true to what the user wrote.
/// </summary>
internal static partial class DottedNames
{
    private const int MaxNesting = 64;

    internal readonly record struct Rewrite(string Text, int[] OriginalIndex);

    public static bool TryRewrite(string text, out Rewrite rewrite, [NotNullWhen(false)] out string? error)
    {
        var output = new StringBuilder(text.Length + 8);
        var map = new List<int>(text.Length + 8);
        var depth = 0;
        var i = 0;

        void Emit(char c, int from)
        {
            output.Append(c);
            map.Add(from);
        }

        void CopyUntil(char close)
        {
            // Copies the opening character, then everything up to and including `close` (or the end).
            Emit(text[i], i);
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\\' && close is '\'' or '"' && i + 1 < text.Length)
                {
                    Emit(c, i);
                    Emit(text[i + 1], i + 1);
                    i += 2;
                    continue;
                }

                Emit(c, i);
                i++;
                if (c == close)
                {
                    return;
                }
            }
        }

        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\'' or '"':
                    CopyUntil(c);
                    continue;
                case '[':
                    CopyUntil(']');
                    continue;
                case '{':
                    CopyUntil('}');
                    continue;
                case '#':
                    CopyUntil('#');
                    continue;
                case '(':
                    if (++depth > MaxNesting)
                    {
                        rewrite = default;
                        error = $"does not parse: parentheses are nested more than {MaxNesting} levels deep";
                        return false;
                    }

                    break;
                case ')':
                    depth--;
                    break;
            }

            if (char.IsDigit(c))
            {
                // A number such as 1.5 or 1e3: its dot is not a name separator.
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    Emit(text[i], i);
                    i++;
                }

                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                var dotted = false;
                while (i < text.Length && IsNamePart(text[i]))
                {
                    i++;
                }

                while (i + 1 < text.Length && text[i] == '.' && IsNamePart(text[i + 1]))
                {
                    dotted = true;
                    i++;
                    while (i < text.Length && IsNamePart(text[i]))
                    {
                        i++;
                    }
                }

                var name = text[start..i];
                if (dotted && NextNonSpace(text, i) == '(')
                {
                    // Method calls on values (x.ToString()) are exactly what a condition must never reach.
                    rewrite = default;
                    error = $"does not parse: '{name}(' calls a method at column {start + 1}; conditions call only the functions {ConditionNames.KnownFunctions}";
                    return false;
                }

                if (dotted)
                {
                    Emit('[', start);
                }

                for (var k = start; k < i; k++)
                {
                    Emit(text[k], k);
                }

                if (dotted)
                {
                    Emit(']', i - 1);
                }

                continue;
            }

            Emit(c, i);
            i++;
        }

        rewrite = new Rewrite(output.ToString(), [.. map]);
        error = null;
        return true;
    }

    /// <summary>
    /// Turns an NCalc parser message such as "Invalid token in expression at position (1:7)" into one that
    /// points into the original text.
    /// </summary>
    public static string DescribeParseError(string original, Rewrite rewrite, string ncalcMessage)
    {
        var match = PositionPattern().Match(ncalcMessage);
        var reason = ncalcMessage;
        if (match.Success)
        {
            reason = ncalcMessage[..match.Index];
        }

        reason = reason.Trim().TrimEnd('.');
        if (reason.Length > 0)
        {
            reason = char.ToLowerInvariant(reason[0]) + reason[1..];
        }

        if (!match.Success)
        {
            return $"does not parse: {reason}";
        }

        var line = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var offset = OffsetOf(rewrite.Text, line, column);
        var originalOffset = offset >= rewrite.OriginalIndex.Length ? original.Length : rewrite.OriginalIndex[offset];
        var (originalLine, originalColumn) = LineAndColumn(original, originalOffset);
        var where = originalLine == 1
            ? $"column {originalColumn}"
            : $"line {originalLine}, column {originalColumn}";
        var near = originalOffset >= original.Length
            ? "at the end"
            : $"at '{Snippet(original, originalOffset)}'";
        return $"does not parse: {reason} at {where} ({near})";
    }

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static char NextNonSpace(string text, int from)
    {
        for (var k = from; k < text.Length; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return text[k];
            }
        }

        return '\0';
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < text.Length; l++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                break;
            }

            offset = next + 1;
        }

        return Math.Clamp(offset + column - 1, 0, text.Length);
    }

    private static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < offset && k < text.Length; k++)
        {
            if (text[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static string Snippet(string text, int offset)
    {
        var end = text.IndexOf('\n', offset);
        var rest = end < 0 ? text[offset..] : text[offset..end];
        return rest.Length <= 20 ? rest : rest[..20] + "…";
    }

    [GeneratedRegex(@"\s*at position \((\d+):(\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPattern();
}
