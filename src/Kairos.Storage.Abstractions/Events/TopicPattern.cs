namespace Kairos.Storage.Events;

/// <summary>
/// A topic pattern over dotted event types: <c>*</c> matches exactly one segment, <c>#</c> matches zero or more
/// segments, anything else matches a segment literally (case-sensitive). <c>fund.*</c> matches
/// <c>fund.nav</c> but not <c>fund.nav.updated</c>; <c>fund.#</c> matches both (and <c>fund</c>);
/// <c>*.completed</c> matches <c>data.completed</c>.
/// </summary>
public sealed class TopicPattern
{
    private readonly string[] _segments;

    private TopicPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
        IsExact = !segments.Any(s => s is "*" or "#");
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when the pattern has no wildcard: it matches one type only.</summary>
    public bool IsExact { get; }

    /// <summary>The literal segments before the first wildcard, joined with dots ("" when it starts with one).</summary>
    public string LiteralPrefix => string.Join('.', _segments.TakeWhile(s => s is not ("*" or "#")));

    /// <summary>Parses a pattern; returns false with an error message when it is malformed.</summary>
    public static bool TryParse(string? text, out TopicPattern? pattern, out string? error)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must not be empty";
            return false;
        }
        if (text.Length > 255)
        {
            error = "must be at most 255 characters";
            return false;
        }
        var segments = text.Split('.');
        foreach (var segment in segments)
        {
            if (segment is "*" or "#")
            {
                continue;
            }
            if (segment.Length == 0 || !segment.All(IsSegmentChar))
            {
                error = $"'{text}' is not a valid type pattern: segments are letters, digits, '_' or '-', or the wildcards '*' (one segment) and '#' (any number), separated by '.'";
                return false;
            }
        }
        error = null;
        pattern = new TopicPattern(text, segments);
        return true;
    }

    /// <summary>Parses a pattern or throws <see cref="FormatException"/>.</summary>
    public static TopicPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern! : throw new FormatException(error);

    /// <summary>True when <paramref name="type"/> is a valid event type: non-empty literal segments only.</summary>
    public static bool IsValidType(string? type) =>
        !string.IsNullOrEmpty(type) && type.Length <= 255 && type.Split('.').All(s => s.Length > 0 && s.All(IsSegmentChar));

    /// <summary>True when the event type matches the pattern.</summary>
    public bool Matches(string type)
    {
        if (IsExact)
        {
            return string.Equals(Text, type, StringComparison.Ordinal);
        }
        return Match(_segments, 0, type.Split('.'), 0);
    }

    private static bool Match(string[] pattern, int p, string[] type, int t)
    {
        while (p < pattern.Length)
        {
            var segment = pattern[p];
            if (segment == "#")
            {
                // '#' absorbs zero or more segments: try every split point.
                for (var k = t; k <= type.Length; k++)
                {
                    if (Match(pattern, p + 1, type, k))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (t >= type.Length)
            {
                return false;
            }
            if (segment != "*" && !string.Equals(segment, type[t], StringComparison.Ordinal))
            {
                return false;
            }
            p++;
            t++;
        }
        return t == type.Length;
    }

    private static bool IsSegmentChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    /// <inheritdoc />
    public override string ToString() => Text;
}
