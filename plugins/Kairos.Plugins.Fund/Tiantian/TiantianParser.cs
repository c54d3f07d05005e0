using System.Globalization;
using System.Text.Json;

namespace Kairos.Plugins.Fund.Tiantian;

/// <summary>One row of <c>f10/lsjz</c> as sent (values still text, so nothing is lost before the caller decides what they mean).</summary>
internal sealed record LsjzRow(DateOnly Date, string Dwjz, string Ljjz, string Jzzzl, string Sgzt, string Shzt, string Fhsp);

/// <summary>One page of <c>f10/lsjz</c>.</summary>
internal sealed record LsjzPage(bool Blocked, int ErrCode, string? ErrMsg, int TotalCount, int PageSize, int PageIndex, IReadOnlyList<LsjzRow> Rows);

/// <summary>
/// Parsers of the eastmoney bodies. They throw <see cref="FormatException"/> for anything malformed; the client turns
/// that into <see cref="TiantianErrorKind.Parse"/>.
/// </summary>
internal static class TiantianParser
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// The text inside <c>callback( ... )</c>, or <c>null</c> when the body is not a JSONP call. A trailing <c>;</c> is optional.
    /// </summary>
    public static string? UnwrapJsonp(string body, string? requiredCallback = null)
    {
        var text = body.Trim();
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            return null;
        }
        var name = text[..open].Trim();
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' || c is '$' || c is '.')
            || (requiredCallback is not null && !string.Equals(name, requiredCallback, StringComparison.Ordinal)))
        {
            return null;
        }
        var tail = text[(close + 1)..].Trim();
        if (tail.Length > 0 && tail != ";")
        {
            return null;
        }
        return text[(open + 1)..close].Trim();
    }

    /// <summary>Parses a <c>fundgz</c> body: an estimate, or <c>null</c> for the empty call <c>jsonpgz();</c>.</summary>
    public static FundEstimate? ParseEstimate(string body)
    {
        var inner = UnwrapJsonp(body, "jsonpgz") ?? throw new FormatException("fundgz body is not a jsonpgz(...) call.");
        if (inner.Length == 0)
        {
            return null;
        }
        using var doc = ParseJson(inner, "fundgz");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("fundgz payload is not a JSON object.");
        }
        return new FundEstimate(
            Code: RequiredText(root, "fundcode"),
            Name: RequiredText(root, "name"),
            OfficialNav: ParseDecimal(RequiredText(root, "dwjz"), "dwjz"),
            OfficialNavDate: ParseDate(RequiredText(root, "jzrq"), "jzrq"),
            EstimatedNav: ParseDecimal(RequiredText(root, "gsz"), "gsz"),
            EstimatedChangePercent: ParseDecimal(RequiredText(root, "gszzl"), "gszzl"),
            EstimateTime: ParseBeijingTime(RequiredText(root, "gztime"), "gztime"));
    }

    /// <summary>Parses an <c>f10/lsjz</c> body, plain JSON or JSONP.</summary>
    public static LsjzPage ParseHistoryPage(string body)
    {
        var text = body.Trim();
        if (!text.StartsWith('{'))
        {
            text = UnwrapJsonp(text) ?? throw new FormatException("f10/lsjz body is neither JSON nor a JSONP call.");
        }
        using var doc = ParseJson(text, "f10/lsjz");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ErrCode", out var errCodeElement) || errCodeElement.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException("f10/lsjz body has no numeric ErrCode.");
        }
        var errCode = errCodeElement.GetInt32();
        var errMsg = root.TryGetProperty("ErrMsg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var data = root.TryGetProperty("Data", out var d) ? d : default;
        // Blocked answers say ErrCode -999 with Data as an empty *string*; either sign alone is enough to refuse "no data".
        var blocked = errCode == -999 || data.ValueKind == JsonValueKind.String;
        var totalCount = OptionalInt(root, "TotalCount");
        var pageSize = OptionalInt(root, "PageSize");
        var pageIndex = OptionalInt(root, "PageIndex");
        if (blocked || errCode != 0)
        {
            return new LsjzPage(blocked, errCode, errMsg, totalCount, pageSize, pageIndex, []);
        }
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("LSJZList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("f10/lsjz body has no Data.LSJZList array.");
        }
        var rows = new List<LsjzRow>(list.GetArrayLength());
        foreach (var row in list.EnumerateArray())
        {
            rows.Add(new LsjzRow(
                ParseDate(RequiredText(row, "FSRQ"), "FSRQ"),
                OptionalText(row, "DWJZ"),
                OptionalText(row, "LJJZ"),
                OptionalText(row, "JZZZL"),
                OptionalText(row, "SGZT"),
                OptionalText(row, "SHZT"),
                OptionalText(row, "FHSP")));
        }
        return new LsjzPage(false, errCode, errMsg, totalCount, pageSize, pageIndex, rows);
    }

    /// <summary>A decimal from the invariant text, every digit kept (<c>"1.1090"</c> stays 1.1090).</summary>
    public static decimal ParseDecimal(string text, string field) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Field {field} is not a decimal: '{text}'.");

    /// <summary>Like <see cref="ParseDecimal"/>, but <c>""</c> (not applicable) is <c>null</c>.</summary>
    public static decimal? ParseOptionalDecimal(string text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseDecimal(text.Trim(), field);

    private static JsonDocument ParseJson(string text, string endpoint)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{endpoint} payload is not valid JSON: {ex.Message}", ex);
        }
    }

    private static DateOnly ParseDate(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Field {field} is not a yyyy-MM-dd date: '{text}'.");

    private static DateTimeOffset ParseBeijingTime(string text, string field) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Beijing)
            : throw new FormatException($"Field {field} is not a 'yyyy-MM-dd HH:mm' time: '{text}'.");

    private static string RequiredText(JsonElement obj, string name)
    {
        var text = obj.TryGetProperty(name, out var v) ? AsText(v) : null;
        return string.IsNullOrEmpty(text) ? throw new FormatException($"Field {name} is missing or empty.") : text;
    }

    private static string OptionalText(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? AsText(v) ?? "" : "";

    // eastmoney sends numbers as strings; accept a JSON number too, by its exact source text.
    private static string? AsText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    private static int OptionalInt(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
