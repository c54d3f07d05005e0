using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Fund.Http;

/// <summary>
/// Reads a request's JSON object field by field, collecting one message per bad field (for RFC 7807 validation
/// problems keyed by field). Amounts and rates are accepted as JSON numbers or strings and read exactly.
/// </summary>
internal sealed class JsonBody
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private JsonBody(JsonElement root) => _root = root;

    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the body; a null body and a validation problem when it is not a JSON object.</summary>
    public static async Task<(JsonBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] }));
            }
            return (new JsonBody(document.RootElement.Clone()), null);
        }
        catch (JsonException ex)
        {
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"is not valid JSON: {ex.Message}"] }));
        }
    }

    /// <summary>True when the field is present (null included).</summary>
    public bool Has(string name)
    {
        _known.Add(name);
        return _root.TryGetProperty(name, out _);
    }

    /// <summary>True when the field is present and JSON null.</summary>
    public bool IsNull(string name) => _root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Null;

    public void Fail(string name, string message) => Errors.TryAdd(name, [message]);

    public string? String(string name)
    {
        if (!Get(name, out var v))
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }
        Fail(name, "must be a string");
        return null;
    }

    /// <summary>An exact decimal from a JSON number (its source text) or a string such as "1000.00".</summary>
    public decimal? Decimal(string name)
    {
        if (!Get(name, out var v))
        {
            return null;
        }
        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString(),
            _ => null,
        };
        if (text is not null && decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(name, "must be a number or a string holding one, such as \"1000.00\"");
        return null;
    }

    public int? Integer(string name)
    {
        if (!Get(name, out var v))
        {
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var value))
        {
            return value;
        }
        Fail(name, "must be a whole number");
        return null;
    }

    public bool? Boolean(string name)
    {
        if (!Get(name, out var v))
        {
            return null;
        }
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }
        Fail(name, "must be true or false");
        return null;
    }

    public DateOnly? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Fail(name, $"'{text}' is not a date such as 2025-01-31");
        return null;
    }

    /// <summary>The raw element of a field that may take several shapes, or null.</summary>
    public JsonElement? Raw(string name) => Get(name, out var v) ? v : null;

    /// <summary>Reports every field of the body that no reader asked for.</summary>
    public void RejectUnknown(string what)
    {
        foreach (var property in _root.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Fail(property.Name, $"is not a field of {what} (known: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private bool Get(string name, out JsonElement value)
    {
        _known.Add(name);
        return _root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
