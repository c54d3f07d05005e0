using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Calendars;

/// <summary>
/// Reads one calendar file (format in <c>Calendars/data/README.md</c>). Strict on purpose: a typo such as
/// <c>"close"</c> for <c>"closed"</c> would otherwise silently turn a holiday into a trading day.
/// </summary>
internal static partial class CalendarFileReader
{
    internal const long MaxFileBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> KnownProperties =
        ["market", "year", "name", "source", "notes", "closed", "open_weekend_days", "weekend"];

    public static TradingCalendarYear Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                throw Error(path, $"the file is larger than {MaxFileBytes} bytes");
            }

            return Parse(File.ReadAllText(path), path);
        }
        catch (IOException e)
        {
            throw new TradingCalendarException($"Calendar file '{path}' could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new TradingCalendarException($"Calendar file '{path}' could not be read: {e.Message}", e);
        }
    }

    public static TradingCalendarYear Parse(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new TradingCalendarException($"Calendar file '{path}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "the file must hold one JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name))
                {
                    throw Error(path, $"unknown property \"{property.Name}\" (known: {string.Join(", ", KnownProperties)})");
                }
            }

            var market = RequiredString(root, "market", path);
            if (!MarketPattern().IsMatch(market))
            {
                throw Error(path, $"\"market\" must be 1-16 letters, digits, '_' or '-' starting with a letter, not \"{market}\"");
            }

            if (!root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year) || year is < 1900 or > 9999)
            {
                throw Error(path, "\"year\" must be a whole number between 1900 and 9999");
            }

            var source = RequiredString(root, "source", path);
            OptionalString(root, "name", path);
            OptionalString(root, "notes", path);

            var weekend = ReadWeekend(root, path);
            var closed = ReadDates(root, "closed", year, path, required: true);
            var open = ReadDates(root, "open_weekend_days", year, path, required: false);
            foreach (var day in open)
            {
                if (!weekend.Contains(day.DayOfWeek))
                {
                    throw Error(path, $"\"open_weekend_days\" lists {Format(day)}, a {day.DayOfWeek}, which is not a weekend day");
                }

                if (closed.Contains(day))
                {
                    throw Error(path, $"{Format(day)} is listed both in \"closed\" and in \"open_weekend_days\"");
                }
            }

            return new TradingCalendarYear(market, year, source, closed, open, weekend, path);
        }
    }

    private static string RequiredString(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(element.GetString()))
        {
            throw Error(path, $"\"{name}\" is required and must be a non-empty string");
        }

        return element.GetString()!;
    }

    private static void OptionalString(JsonElement root, string name, string path)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"\"{name}\" must be a string");
        }
    }

    private static HashSet<DateOnly> ReadDates(JsonElement root, string name, int year, string path, bool required)
    {
        var dates = new HashSet<DateOnly>();
        if (!root.TryGetProperty(name, out var element))
        {
            return required ? throw Error(path, $"\"{name}\" is required (an array of \"yyyy-MM-dd\" dates, possibly empty)") : dates;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"\"{name}\" must be an array of \"yyyy-MM-dd\" dates");
        }

        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(item.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Error(path, $"\"{name}\" holds {item.GetRawText()}, which is not a \"yyyy-MM-dd\" date");
            }

            if (date.Year != year)
            {
                throw Error(path, $"\"{name}\" lists {Format(date)}, which is not in the file's year {year}");
            }

            if (!dates.Add(date))
            {
                throw Error(path, $"\"{name}\" lists {Format(date)} twice");
            }
        }

        return dates;
    }

    private static HashSet<DayOfWeek> ReadWeekend(JsonElement root, string path)
    {
        if (!root.TryGetProperty("weekend", out var element))
        {
            return [DayOfWeek.Saturday, DayOfWeek.Sunday];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "\"weekend\" must be an array of day names such as \"saturday\"");
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String
                || !Enum.TryParse<DayOfWeek>(item.GetString(), ignoreCase: true, out var day)
                || !Enum.IsDefined(day) || int.TryParse(item.GetString(), CultureInfo.InvariantCulture, out _))
            {
                throw Error(path, $"\"weekend\" holds {item.GetRawText()}, which is not a day name such as \"saturday\"");
            }

            days.Add(day);
        }

        return days;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TradingCalendarException Error(string path, string problem) =>
        new($"Calendar file '{path}' is invalid: {problem}.");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex MarketPattern();
}
