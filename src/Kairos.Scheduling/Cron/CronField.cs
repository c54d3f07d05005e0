namespace Kairos.Scheduling;

/// <summary>APScheduler 3's cron fields, largest first (the order its defaults are filled in).</summary>
internal enum CronFieldName
{
    Year,
    Month,
    Day,
    Week,
    DayOfWeek,
    Hour,
    Minute,
    Second,
}

/// <summary>The JSON name, value range, names and default of one field of the field form.</summary>
internal sealed record CronField(CronFieldName Name, string JsonName, int Min, int Max, string Default, string[]? ValueNames, string Syntax)
{
    private static readonly string[] s_months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] s_weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private const string Common = "*, */n, a-b, a-b/n, a/n or a comma-separated list of these";

    /// <summary>All fields in APScheduler's order. <see cref="Default"/> applies to fields smaller than the smallest given.</summary>
    public static readonly CronField[] All =
    [
        new(CronFieldName.Year, "year", 1970, 9999, "*", null, $"a year 1970–9999, {Common}"),
        new(CronFieldName.Month, "month", 1, 12, "1", s_months, $"a number 1–12, a name jan–dec, {Common}"),
        new(CronFieldName.Day, "day", 1, 31, "1", null, $"a number 1–31, last, last fri, 1st–5th mon, {Common}"),
        new(CronFieldName.Week, "week", 1, 53, "*", null, $"an ISO week 1–53, {Common}"),
        new(CronFieldName.DayOfWeek, "day_of_week", 0, 6, "*", s_weekdays, $"a number 0–6 (mon=0 … sun=6), a name mon–sun, {Common}"),
        new(CronFieldName.Hour, "hour", 0, 23, "0", null, $"a number 0–23, {Common}"),
        new(CronFieldName.Minute, "minute", 0, 59, "0", null, $"a number 0–59, {Common}"),
        new(CronFieldName.Second, "second", 0, 59, "0", null, $"a number 0–59, {Common}"),
    ];

    public static CronField Get(CronFieldName name) => All[(int)name];

    public static IReadOnlyList<string> WeekdayNames => s_weekdays;

    /// <summary>"0–6 (mon=0 … sun=6)" style range text used in messages.</summary>
    public string RangeText => Name == CronFieldName.DayOfWeek ? $"{Min}–{Max} (mon=0 … sun=6)" : $"{Min}–{Max}";
}
