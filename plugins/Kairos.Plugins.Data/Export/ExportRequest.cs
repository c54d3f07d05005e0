using System.Globalization;

namespace Kairos.Plugins.Data.Export;

/// <summary>The datasets <c>data_export</c> knows.</summary>
internal static class ExportDatasets
{
    public const string Runs = "runs";
    public const string Events = "events";
    public const string Balances = "balances";
    public const string Positions = "positions";
    public const string Transactions = "transactions";

    public static IReadOnlyList<string> All { get; } = [Runs, Events, Balances, Positions, Transactions];
}

/// <summary>The file formats of an export.</summary>
internal static class ExportFormats
{
    public const string Csv = "csv";
    public const string Json = "json";

    public static IReadOnlyList<string> All { get; } = [Csv, Json];

    public static string ContentType(string format) => format == Json ? "application/json" : "text/csv; charset=utf-8";
}

/// <summary>
/// What to export: a dataset, a format and a time range [<see cref="Since"/>, <see cref="Until"/>) (open ends when
/// null). Runs are placed by their start (else scheduled) time, events by publication, transactions by when they
/// occurred, balances and positions (the current holdings) by the sync that last changed them.
/// </summary>
internal sealed record ExportRequest(string Dataset, string Format, DateTimeOffset? Since, DateTimeOffset? Until)
{
    /// <summary>
    /// Reads the request's parts; every problem is returned keyed by its field. <paramref name="since"/> and
    /// <paramref name="until"/> are ISO-8601 instants with an offset (<c>2026-10-01T00:00:00Z</c>) or days
    /// (<c>2026-10-01</c>: its start in <paramref name="zone"/>).
    /// </summary>
    public static (ExportRequest? Request, Dictionary<string, string> Errors) Parse(string? dataset, string? format, string? since, string? until, TimeZoneInfo zone)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var set = dataset?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(set))
        {
            errors["dataset"] = $"is required: one of {string.Join(", ", ExportDatasets.All)}";
        }
        else if (!ExportDatasets.All.Contains(set))
        {
            errors["dataset"] = $"'{dataset}' is not one of {string.Join(", ", ExportDatasets.All)}";
        }
        var kind = string.IsNullOrWhiteSpace(format) ? ExportFormats.Csv : format.Trim().ToLowerInvariant();
        if (!ExportFormats.All.Contains(kind))
        {
            errors["format"] = $"'{format}' is not one of {string.Join(", ", ExportFormats.All)}";
        }
        var from = ParseTime(since, "since", zone, errors);
        var to = ParseTime(until, "until", zone, errors);
        if (from is not null && to is not null && from >= to)
        {
            errors["until"] = $"must be after since ({since})";
        }
        return errors.Count > 0 ? (null, errors) : (new ExportRequest(set!, kind, from, to), errors);
    }

    private static DateTimeOffset? ParseTime(string? text, string field, TimeZoneInfo zone, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        // An instant must say its offset: a bare local time would silently depend on the server's zone.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            return instant;
        }
        errors[field] = $"'{text}' is not a day (2026-10-01) or an instant with offset (2026-10-01T00:00:00Z)";
        return null;
    }
}
