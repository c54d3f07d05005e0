using System.Globalization;
using System.Text.Json;

namespace Kairos.Scheduling.Tests;

/// <summary>Parsing and reading fire times in tests.</summary>
internal static class TestSchedules
{
    public static readonly DateTimeOffset DefaultNow = DateTimeOffset.Parse("2026-01-01T10:00:00+08:00", CultureInfo.InvariantCulture);

    public static TimeZoneInfo Zone(string id) => ScheduleParser.TryFindTimeZone(id) ?? throw new InvalidOperationException(id);

    public static ScheduleParseResult TryParse(string json, string zone = "Asia/Shanghai", DateTimeOffset? now = null)
    {
        using var document = JsonDocument.Parse(json);
        return ScheduleParser.Parse(document.RootElement.Clone(), new ScheduleContext(Zone(zone), now ?? DefaultNow));
    }

    public static Schedule Parse(string json, string zone = "Asia/Shanghai", DateTimeOffset? now = null)
    {
        var result = TryParse(json, zone, now);
        Assert.True(result.IsValid, "expected a valid schedule, got: " + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}")));
        return result.Schedule!;
    }

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The next <paramref name="count"/> fires at or after <paramref name="from"/>, as ISO text with offsets.</summary>
    public static string[] Fires(Schedule schedule, string from, int count) =>
        SchedulePreview.Compute(schedule, At(from), count).Select(Iso).ToArray();

    public static string[] Fires(string json, string zone, string from, int count) => Fires(Parse(json, zone), from, count);

    /// <summary>The single error message for <paramref name="key"/>.</summary>
    public static string ErrorFor(string json, string key, string zone = "Asia/Shanghai")
    {
        var result = TryParse(json, zone);
        Assert.False(result.IsValid);
        Assert.True(result.Errors.ContainsKey(key), $"expected an error for {key}, got: " + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}")));
        return string.Join(" | ", result.Errors[key]);
    }
}
