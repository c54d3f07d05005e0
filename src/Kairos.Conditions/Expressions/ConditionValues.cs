using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kairos.Conditions.Expressions;

/// <summary>
/// The values a condition computes with: null, bool, string, decimal (every number, so 0.1 + 0.2 == 0.3
/// holds and JSON numbers compare exactly) and DateTime (a clock time in the job's zone). Nothing else
/// ever enters an evaluation, which is what keeps conditions away from members of arbitrary objects.
/// </summary>
internal static class ConditionValues
{
    public static string KindOf(object? value) => value switch
    {
        null => "null",
        bool => "boolean",
        string => "string",
        decimal => "number",
        DateTime => "date",
        _ => value.GetType().Name,
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"string '{(s.Length <= 40 ? s : s[..40] + "…")}'",
        decimal d => $"number {d.ToString(CultureInfo.InvariantCulture)}",
        DateTime t => $"date {Format(t)}",
        _ => KindOf(value),
    };

    public static string Format(DateTime value) => value.TimeOfDay == TimeSpan.Zero
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>config.&lt;path&gt;</c>; a missing key is an error, since a typo would otherwise read as null.</summary>
    public static object? FromConfig(JsonObject config, string path)
    {
        JsonNode? node = config;
        var walked = ConditionNames.Config;
        foreach (var segment in path.Split('.'))
        {
            walked += "." + segment;
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    node = child;
                    break;
                case JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                                          && index < array.Count:
                    node = array[index];
                    break;
                case JsonObject or JsonArray:
                    throw new ConditionFailure($"{walked} is not set in the job's config") { MissingConfigKey = true };
                default:
                    throw new ConditionFailure(
                        $"{walked} is not set in the job's config ({walked[..^(segment.Length + 1)]} is {Describe(FromNode(node, walked))})")
                    {
                        MissingConfigKey = true,
                    };
            }
        }

        return FromNode(node, walked);
    }

    /// <summary>Reads <c>event.data.&lt;path&gt;</c>; a missing field is null, as events of one type may omit optional fields.</summary>
    public static object? FromEventData(JsonElement? data, string path)
    {
        if (data is not { } element)
        {
            return null;
        }

        var walked = ConditionNames.EventData;
        foreach (var segment in path.Split('.'))
        {
            walked += "." + segment;
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array
                     && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                     && index < element.GetArrayLength())
            {
                element = element[index];
            }
            else
            {
                return null;
            }
        }

        return FromElement(element, walked);
    }

    private static object? FromNode(JsonNode? node, string name)
    {
        if (node is null)
        {
            return null;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number => ParseNumber(node.ToJsonString(), name),
            JsonValueKind.Object => throw new ConditionFailure($"{name} is an object; compare one of its keys ({name}.<key>)"),
            _ => throw new ConditionFailure($"{name} is an array; compare one of its items ({name}.0)"),
        };
    }

    private static object? FromElement(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => ParseNumber(element.GetRawText(), name),
        JsonValueKind.Object => throw new ConditionFailure($"{name} is an object; compare one of its fields ({name}.<field>)"),
        _ => throw new ConditionFailure($"{name} is an array; compare one of its items ({name}.0)"),
    };

    private static decimal ParseNumber(string json, string name) =>
        // JSON text, not a double, so 0.1 stays exactly 0.1.
        decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConditionFailure($"{name} is the number {json}, which is outside the decimal range");

    public static bool AreEqual(object? left, object? right, string operation)
    {
        return (left, right) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (bool l, bool r) => l == r,
            (string l, string r) => string.Equals(l, r, StringComparison.Ordinal),
            (decimal l, decimal r) => l == r,
            (DateTime l, DateTime r) => l == r,
            _ => throw Mismatch(left, right, operation),
        };
    }

    public static int Compare(object? left, object? right, string operation) => (left, right) switch
    {
        (string l, string r) => string.CompareOrdinal(l, r),
        (decimal l, decimal r) => l.CompareTo(r),
        (DateTime l, DateTime r) => l.CompareTo(r),
        (null, _) or (_, null) => throw new ConditionFailure(
            $"'{operation}' cannot order {Describe(left)} and {Describe(right)}; test for null first (x != null and x {operation} ...)"),
        _ => throw Mismatch(left, right, operation),
    };

    private static ConditionFailure Mismatch(object? left, object? right, string operation) =>
        new($"'{operation}' cannot {(operation == "+" ? "combine" : "compare")} {Describe(left)} with {Describe(right)}");

    /// <summary>SQL-style LIKE: <c>%</c> matches any run of characters, <c>_</c> one character; case-sensitive.</summary>
    public static bool Like(string text, string pattern)
    {
        // Iterative wildcard matching with backtracking to the last '%': linear in practice, never exponential.
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '_' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '%')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

/// <summary>An evaluation problem, turned into a <see cref="ConditionEvaluationException"/> naming the condition.</summary>
internal sealed class ConditionFailure(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when a config key is missing, which <c>config.x ?? default</c> turns into the default.</summary>
    public bool MissingConfigKey { get; init; }
}
