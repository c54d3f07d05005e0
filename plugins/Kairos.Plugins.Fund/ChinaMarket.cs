namespace Kairos.Plugins.Fund;

/// <summary>
/// The clock of the Chinese fund market. "Today" and the 15:00 order cut-off are Beijing time whatever the
/// scheduler's zone; China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
/// </summary>
public static class ChinaMarket
{
    /// <summary>Beijing time's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The trading calendar of the Shanghai and Shenzhen exchanges.</summary>
    public const string Calendar = "CN";

    /// <summary>Orders placed before this time of a trading day are dealt at that day's NAV; later ones at the next trading day's.</summary>
    public static readonly TimeOnly CutOff = new(15, 0);

    /// <summary>The Beijing date and time of an instant.</summary>
    public static DateTime Local(DateTimeOffset instant) => instant.ToOffset(Offset).DateTime;

    /// <summary>The Beijing date of an instant.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>The instant of a Beijing date and time.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);
}
