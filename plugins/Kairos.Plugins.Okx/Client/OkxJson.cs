using System.Globalization;
using System.Text.Json;
using Kairos.Plugins.Okx.Client.Errors;

namespace Kairos.Plugins.Okx.Client;

/// <summary>
/// Reads OKX values: numbers and epoch-millisecond timestamps arrive as strings, <c>""</c> means "not applicable".
/// Decimal parsing is exact (no binary float in between).
/// </summary>
internal static class OkxJson
{
    /// <summary>Parses an OKX numeric string exactly; <c>""</c> and null give null.</summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public static decimal? ParseDecimal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A string property; missing, null and <c>""</c> give null.</summary>
    public static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    /// <summary>A string property that must be present and non-empty.</summary>
    public static string RequiredText(JsonElement obj, string name, string what) =>
        Text(obj, name) ?? throw new OkxParseException($"OKX {what}: field '{name}' is missing or empty.");

    /// <summary>A numeric property sent as a string (or, tolerated, as a JSON number); missing, null and <c>""</c> give null.</summary>
    public static decimal? Decimal(JsonElement obj, string name, string what)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetDecimal(),
            JsonValueKind.String => ParseField(value.GetString(), name, what),
            _ => throw new OkxParseException($"OKX {what}: field '{name}' is not a number ({value.ValueKind})."),
        };
    }

    /// <summary>An epoch-millisecond timestamp sent as a string; missing and <c>""</c> give null.</summary>
    public static DateTimeOffset? EpochMilliseconds(JsonElement obj, string name, string what) =>
        Decimal(obj, name, what) is { } ms ? FromEpochMilliseconds(ms, name, what) : null;

    /// <summary>Converts epoch milliseconds to a UTC instant.</summary>
    public static DateTimeOffset FromEpochMilliseconds(decimal ms, string name, string what)
    {
        if (ms != decimal.Truncate(ms) || ms < 0 || ms > 253402300799999m)
        {
            throw new OkxParseException($"OKX {what}: field '{name}' is not an epoch-millisecond timestamp ({ms.ToString(CultureInfo.InvariantCulture)}).");
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
    }

    /// <summary>A JSON boolean; missing or not a boolean gives null.</summary>
    public static bool? Boolean(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static decimal? ParseField(string? text, string name, string what)
    {
        try
        {
            return ParseDecimal(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new OkxParseException($"OKX {what}: field '{name}' is not a number ('{text}').", ex);
        }
    }
}
