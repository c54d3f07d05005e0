using System.Globalization;

namespace Kairos.Conditions.Calendars;

/// <summary>
/// One market's trading days for one calendar year, as read from one calendar file: every weekday is a
/// trading day unless listed in <see cref="ClosedDays"/>; weekend days are closed unless listed in
/// <see cref="OpenWeekendDays"/>.
/// </summary>
public sealed class TradingCalendarYear
{
    private static readonly IReadOnlySet<DayOfWeek> SaturdayAndSunday = new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };

    /// <summary>Creates a year; <paramref name="market"/> is stored upper-case.</summary>
    /// <exception cref="ArgumentException">A date lies outside <paramref name="year"/>.</exception>
    public TradingCalendarYear(
        string market,
        int year,
        string source,
        IEnumerable<DateOnly> closedDays,
        IEnumerable<DateOnly>? openWeekendDays = null,
        IEnumerable<DayOfWeek>? weekend = null,
        string? file = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(closedDays);
        Market = market.ToUpperInvariant();
        Year = year;
        Source = source;
        File = file;
        ClosedDays = closedDays.ToHashSet();
        OpenWeekendDays = (openWeekendDays ?? []).ToHashSet();
        Weekend = weekend is null ? SaturdayAndSunday : weekend.ToHashSet();
        foreach (var day in ClosedDays.Concat(OpenWeekendDays).Where(d => d.Year != year))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd} is not in {year}."), nameof(closedDays));
        }
    }

    /// <summary>Upper-case market code such as <c>CN</c> or <c>US</c>.</summary>
    public string Market { get; }

    /// <summary>The calendar year covered.</summary>
    public int Year { get; }

    /// <summary>Where the dates come from (the official notice's title and address).</summary>
    public string Source { get; }

    /// <summary>The file the year was read from, or null when built in code.</summary>
    public string? File { get; }

    /// <summary>Days the market is closed in addition to its weekend (weekend days may be listed too).</summary>
    public IReadOnlySet<DateOnly> ClosedDays { get; }

    /// <summary>Weekend days on which the market exceptionally trades.</summary>
    public IReadOnlySet<DateOnly> OpenWeekendDays { get; }

    /// <summary>The days of the week the market is normally closed (Saturday and Sunday unless the file says otherwise).</summary>
    public IReadOnlySet<DayOfWeek> Weekend { get; }

    /// <summary>True when <paramref name="date"/> (which must lie in <see cref="Year"/>) is a trading day.</summary>
    public bool IsTradingDay(DateOnly date)
    {
        if (ClosedDays.Contains(date))
        {
            return false;
        }

        return !Weekend.Contains(date.DayOfWeek) || OpenWeekendDays.Contains(date);
    }
}
