namespace Kairos.Conditions.Expressions;

/// <summary>The names a condition may use: the whole language surface beyond NCalc's operators.</summary>
internal static class ConditionNames
{
    public const string Now = "now";
    public const string Today = "today";
    public const string Weekday = "weekday";
    public const string Hour = "hour";
    public const string Minute = "minute";
    public const string Year = "year";
    public const string Month = "month";
    public const string Day = "day";
    public const string Null = "null";

    public const string Config = "config";
    public const string ConfigPrefix = "config.";
    public const string Event = "event";
    public const string EventType = "event.type";
    public const string EventSource = "event.source";
    public const string EventSubject = "event.subject";
    public const string EventData = "event.data";
    public const string EventDataPrefix = "event.data.";

    public const string LastStatus = "last_status";
    public const string IsWeekday = "is_weekday";
    public const string IsTradingDay = "is_trading_day";
    public const string Date = "date";
    public const string If = "if";

    public static readonly string[] Variables = [Now, Today, Weekday, Hour, Minute, Year, Month, Day, Null];

    public static readonly string[] Functions = [LastStatus, IsWeekday, IsTradingDay, Date, If];

    public const string KnownNames =
        "now, today, weekday (0 = Monday), hour, minute, year, month, day, null, config.<key>, " +
        "event.type, event.source, event.subject, event.data.<path>";

    public const string KnownFunctions =
        "last_status('<job_id>'), is_weekday(), is_trading_day('<market>') or is_trading_day('<market>', <date>), " +
        "date('yyyy-MM-dd'), if(<condition>, <then>, <else>)";

    /// <summary>A known name or function differing only in case, to suggest in an error.</summary>
    public static string? Suggest(string name, IEnumerable<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
}
