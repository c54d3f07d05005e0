using System.Globalization;
using System.Text.RegularExpressions;

namespace Kairos.Scheduling;

/// <summary>
/// Parses one field of the field form (<c>"mon-fri"</c>, <c>"*/15"</c>, <c>"1st mon,last"</c>) with APScheduler 3's
/// rules, which are stricter than Cronos's: a reversed range (<c>sat-mon</c>, <c>50-10</c>) is an error.
/// </summary>
internal static partial class CronFieldParser
{
    private const int MaxLength = 200;

    [GeneratedRegex(@"^(?:(?<first>[0-9]+|[a-z]+)(?:-(?<last>[0-9]+|[a-z]+))?)(?:/(?<step>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^\*(?:/(?<step>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex EveryPattern();

    [GeneratedRegex(@"^(?<nth>1st|2nd|3rd|4th|5th|last) +(?<day>[a-z]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NthWeekdayPattern();

    /// <summary>The terms of <paramref name="text"/>, or null after reporting each problem to <paramref name="error"/>.</summary>
    public static CronTerm[]? Parse(CronField field, string text, Action<string> error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            error("must not be empty");
            return null;
        }
        if (text.Length > MaxLength)
        {
            error($"is longer than {MaxLength} characters");
            return null;
        }
        var terms = new List<CronTerm>();
        var ok = true;
        foreach (var raw in text.Split(','))
        {
            var element = raw.Trim().ToLowerInvariant();
            if (element.Length == 0)
            {
                error($"'{text}' has an empty element in its list");
                ok = false;
                continue;
            }
            var term = ParseElement(field, element, error);
            if (term is null)
            {
                ok = false;
            }
            else
            {
                terms.Add(term);
            }
        }
        return ok ? [.. terms] : null;
    }

    private static CronTerm? ParseElement(CronField field, string element, Action<string> error)
    {
        if (EveryPattern().Match(element) is { Success: true } every)
        {
            var step = every.Groups["step"].Success ? Step(field, element, every.Groups["step"].Value, field.Min, field.Max, error) : null;
            return every.Groups["step"].Success && step is null ? null : new EveryTerm(step);
        }
        if (field.Name == CronFieldName.Day && element == "last")
        {
            return new LastDayTerm();
        }
        if (field.Name == CronFieldName.Day && NthWeekdayPattern().Match(element) is { Success: true } nth)
        {
            var weekday = Array.IndexOf(CronField.Get(CronFieldName.DayOfWeek).ValueNames!, nth.Groups["day"].Value);
            if (weekday < 0)
            {
                error($"'{nth.Groups["day"].Value}' in '{element}' is not a weekday name; use mon, tue, wed, thu, fri, sat or sun");
                return null;
            }
            var position = nth.Groups["nth"].Value == "last" ? 0 : nth.Groups["nth"].Value[0] - '0';
            return new NthWeekdayTerm(position, weekday);
        }
        if (RangePattern().Match(element) is { Success: true } range)
        {
            return ParseRange(field, element, range, error);
        }
        error($"'{element}' is not a valid {field.JsonName} expression; use {field.Syntax}");
        return null;
    }

    private static RangeTerm? ParseRange(CronField field, string element, Match range, Action<string> error)
    {
        var first = Value(field, element, range.Groups["first"].Value, error);
        int? last = range.Groups["last"].Success ? Value(field, element, range.Groups["last"].Value, error) : null;
        if (first is null || range.Groups["last"].Success && last is null)
        {
            return null;
        }
        var hasStep = range.Groups["step"].Success;
        if (last is { } l && l < first)
        {
            error($"range '{element}' is reversed: the first value must not be larger than the last; APScheduler reads no wrap-around");
            return null;
        }
        int? step = null;
        if (hasStep)
        {
            step = Step(field, element, range.Groups["step"].Value, first.Value, last ?? field.Max, error);
            if (step is null)
            {
                return null;
            }
        }
        // "a" alone is a single value; "a/n" runs from a to the field's maximum.
        return new RangeTerm(first.Value, range.Groups["last"].Success ? last : hasStep ? null : first, step);
    }

    private static int? Value(CronField field, string element, string token, Action<string> error)
    {
        if (char.IsAsciiLetter(token[0]))
        {
            var index = field.ValueNames is { } names ? Array.IndexOf(names, token) : -1;
            if (index < 0)
            {
                error(field.ValueNames is null
                    ? $"'{element}' is not a valid {field.JsonName} expression; use {field.Syntax}"
                    : $"'{token}' is not a {field.JsonName} name; use {field.ValueNames[0]}–{field.ValueNames[^1]}");
                return null;
            }
            return field.Min + index;
        }
        var value = token.Length > 9 ? long.MaxValue : long.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value < field.Min || value > field.Max)
        {
            error($"{token.TrimStart('0').PadLeft(1, '0')} is outside {field.RangeText}");
            return null;
        }
        return (int)value;
    }

    private static int? Step(CronField field, string element, string token, int first, int last, Action<string> error)
    {
        var step = token.Length > 9 ? int.MaxValue : int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
        if (step < 1)
        {
            error($"the step in '{element}' must be at least 1");
            return null;
        }
        if (step > last - first)
        {
            error($"the step {step} in '{element}' is larger than its range {first}–{last}");
            return null;
        }
        return step;
    }
}
