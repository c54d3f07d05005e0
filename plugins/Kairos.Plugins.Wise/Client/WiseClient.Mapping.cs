using System.Globalization;

namespace Kairos.Plugins.Wise.Client;

/// <summary>From Wise's wire shapes to the public records; a missing or malformed field is a parse error.</summary>
public sealed partial class WiseClient
{
    private static WiseActivity ToActivity(ActivityDto a) => new(
        Require(a.Id, "id"),
        Require(a.Type, "type"),
        a.Resource?.Type,
        a.Resource?.Id,
        a.Title ?? "",
        string.IsNullOrEmpty(a.Description) ? null : a.Description,
        string.IsNullOrEmpty(a.PrimaryAmount) ? null : a.PrimaryAmount,
        string.IsNullOrEmpty(a.SecondaryAmount) ? null : a.SecondaryAmount,
        Require(a.Status, "status"),
        Time(Require(a.CreatedOn, "createdOn"), "createdOn"),
        OptionalTime(a.UpdatedOn, "updatedOn"));

    private static WiseRate ToRate(RateDto r) => new(
        Require(r.Source, "source"),
        Require(r.Target, "target"),
        Require(r.Rate, "rate"),
        Time(Require(r.Time, "time"), "time"));

    private static IReadOnlyList<TOut> Map<TIn, TOut>(string endpoint, IEnumerable<TIn> items, Func<TIn, TOut> map) =>
        Parse(endpoint, () => items.Select(map).ToArray());

    private static T Parse<T>(string endpoint, Func<T> map)
    {
        try
        {
            return map();
        }
        catch (FormatException ex)
        {
            throw new WiseParseException(endpoint, $"{endpoint}: Wise's answer is not the documented shape: {ex.Message}", ex);
        }
    }

    private static T Require<T>(T? value, string endpoint, string field) where T : class =>
        value ?? throw new WiseParseException(endpoint, $"{endpoint}: Wise's answer has no '{field}'.");

    private static T Require<T>(T? value, string field) where T : class =>
        value ?? throw new FormatException($"field '{field}' is missing.");

    private static T Require<T>(T? value, string field) where T : struct =>
        value ?? throw new FormatException($"field '{field}' is missing.");

    private static WiseMoney Money(MoneyDto dto, string field) =>
        new(Require(dto.Value, field + ".value"), Require(dto.Currency, field + ".currency"));

    private static WiseMoney? OptionalMoney(MoneyDto? dto, string field) => dto is null ? null : Money(dto, field);

    // Wise mixes "Z", "+0000" (no colon) and no offset at all; all are UTC.
    private static DateTimeOffset Time(string text, string field) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new FormatException($"field '{field}' is not a date-time: '{text}'.");

    private static DateTimeOffset? OptionalTime(string? text, string field) => string.IsNullOrEmpty(text) ? null : Time(text, field);

    private static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Currency(string code, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(code))] string? paramName = null) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper)
            ? code
            : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code (three capital letters, e.g. EUR).", paramName);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? TraceId(HttpResponseMessage response) => Header(response, "x-trace-id");

    private string Redact(string text) =>
        string.IsNullOrEmpty(_settings.ApiToken) ? text : text.Replace(_settings.ApiToken, "***", StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
