using System.Globalization;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// A calendar month in a time zone: <c>2026-10</c> in Asia/Shanghai runs from 2026-10-01 00:00 +08:00 (inclusive) to
/// 2026-11-01 00:00 +08:00 (exclusive). The default is the month before the one <c>now</c> falls in.
/// </summary>
internal sealed record ReportPeriod(int Year, int Month, TimeZoneInfo Zone)
{
    /// <summary>The period's name, <c>yyyy-MM</c>.</summary>
    public string Name => $"{Year:D4}-{Month:D2}";

    /// <summary>Its first day.</summary>
    public DateOnly From => new(Year, Month, 1);

    /// <summary>Its last day (inclusive).</summary>
    public DateOnly To => From.AddMonths(1).AddDays(-1);

    /// <summary>The instant it starts (inclusive).</summary>
    public DateTimeOffset Start => StartOf(From);

    /// <summary>The instant it ends (exclusive): the start of the next month.</summary>
    public DateTimeOffset End => StartOf(From.AddMonths(1));

    /// <summary>The month before the one <paramref name="now"/> falls in, in <paramref name="zone"/>.</summary>
    public static ReportPeriod PreviousMonth(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var month = new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
        return new ReportPeriod(month.Year, month.Month, zone);
    }

    /// <summary>Reads <c>yyyy-MM</c>, or null when the text is not a month.</summary>
    public static ReportPeriod? TryParse(string? text, TimeZoneInfo zone) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new ReportPeriod(day.Year, day.Month, zone)
            : null;

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
