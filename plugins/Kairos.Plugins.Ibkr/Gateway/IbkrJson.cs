using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>Reads Client Portal values: mostly JSON numbers (read exactly as decimal), some strings (<c>strike</c>), nulls.</summary>
internal static class IbkrJson
{
    public static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static string? HtmlText(JsonElement obj, string name) => Text(obj, name) is { } text ? WebUtility.HtmlDecode(text) : null;

    public static bool Boolean(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static decimal? Decimal(JsonElement obj, string name, string what)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return null;
        }
        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDecimal(),
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
                JsonValueKind.Null => null,
                _ => throw new FormatException(value.ValueKind.ToString()),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new IbkrParseException($"IBKR {what}: field '{name}' is not a number ({value.GetRawText()}).", ex);
        }
    }

    public static long? Int64(JsonElement obj, string name, string what) =>
        Decimal(obj, name, what) is { } d
            ? d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue
                ? (long)d
                : throw new IbkrParseException($"IBKR {what}: field '{name}' is not an integer ({d.ToString(CultureInfo.InvariantCulture)}).")
            : null;

    public static DateTimeOffset? EpochMilliseconds(JsonElement obj, string name, string what) =>
        Int64(obj, name, what) is { } ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static DateTimeOffset? EpochSeconds(JsonElement obj, string name, string what) =>
        Int64(obj, name, what) is { } s and > 0 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
