namespace Kairos.Plugins.Fund.Dca;

/// <summary>How often a DCA plan buys.</summary>
internal enum DcaFrequency
{
    /// <summary>Every Shanghai/Shenzhen trading day.</summary>
    Daily,

    /// <summary>Every week on <see cref="DcaPlan.Weekday"/>.</summary>
    Weekly,

    /// <summary>Every other week on <see cref="DcaPlan.Weekday"/>, counted from the first such day on or after the start date.</summary>
    Biweekly,

    /// <summary>Every month on <see cref="DcaPlan.DayOfMonth"/>.</summary>
    Monthly,
}

/// <summary>A day of the month a monthly plan buys on: 1–28, or the last trading day of the month.</summary>
internal readonly record struct MonthDay(int Day)
{
    public static MonthDay Last => new(0);

    public bool IsLast => Day == 0;

    public string Text => IsLast ? "last" : Day.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static MonthDay? TryParse(string? text) =>
        text == "last" ? Last
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 28 ? new MonthDay(day)
        : null;
}

/// <summary>
/// A dollar-cost-averaging (定投) plan: buy <see cref="Amount"/> yuan of a fund on every due date.
/// </summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="FundCode">The fund bought.</param>
/// <param name="Amount">Yuan paid per purchase, fee included.</param>
/// <param name="Frequency">How often.</param>
/// <param name="Weekday">0 = Monday … 6 = Sunday, for weekly and biweekly plans.</param>
/// <param name="DayOfMonth">For monthly plans.</param>
/// <param name="FeeRate">The subscription fee rate (0.0015 = 0.15 %), charged on the net amount (front-end fee).</param>
/// <param name="StartDate">The first day it may buy.</param>
/// <param name="EndDate">The last day a purchase may be due, or null.</param>
/// <param name="Active">False pauses the plan.</param>
/// <param name="CreatedAt">When the plan was created; no purchase is due before its Beijing date.</param>
/// <param name="UpdatedAt">When the plan last changed.</param>
internal sealed record DcaPlan(
    string PlanId,
    string FundCode,
    decimal Amount,
    DcaFrequency Frequency,
    int? Weekday,
    MonthDay? DayOfMonth,
    decimal FeeRate,
    DateOnly StartDate,
    DateOnly? EndDate,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static string FrequencyText(DcaFrequency frequency) => frequency.ToString().ToLowerInvariant();

    public static DcaFrequency? TryParseFrequency(string? text) => text switch
    {
        "daily" => DcaFrequency.Daily,
        "weekly" => DcaFrequency.Weekly,
        "biweekly" => DcaFrequency.Biweekly,
        "monthly" => DcaFrequency.Monthly,
        _ => null,
    };
}
