using System.Globalization;
using Kairos.Sdk.Calendars;

namespace Kairos.Conditions.Calendars;

/// <summary>
/// Trading calendars assembled from <see cref="TradingCalendarYear"/>s. Market codes are case-insensitive.
/// A date in a year no file covers is a <see cref="TradingCalendarException"/>, never a guess.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class TradingCalendar : ITradingCalendar
{
    private readonly Dictionary<string, SortedDictionary<int, TradingCalendarYear>> _markets;
    private readonly string _addHint;

    /// <summary>
    /// Builds a calendar from <paramref name="years"/>. When two entries name the same market and year,
    /// the later one wins, which is how a user's file overrides a shipped year.
    /// </summary>
    /// <param name="years">The years, in increasing priority.</param>
    /// <param name="userDirectory">The folder where a user adds calendar files, named in error messages; optional.</param>
    public TradingCalendar(IEnumerable<TradingCalendarYear> years, string? userDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        _markets = new Dictionary<string, SortedDictionary<int, TradingCalendarYear>>(StringComparer.OrdinalIgnoreCase);
        foreach (var year in years)
        {
            if (!_markets.TryGetValue(year.Market, out var byYear))
            {
                byYear = [];
                _markets[year.Market] = byYear;
            }

            byYear[year.Year] = year;
        }

        Markets = _markets.Keys.Order(StringComparer.Ordinal).ToArray();
        _addHint = userDirectory is null
            ? "add a calendar file for it (see calendars/README.md)"
            : $"add a calendar file for it to '{userDirectory}' (see calendars/README.md)";
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> Markets { get; }

    /// <summary>The years covered for <paramref name="market"/>, oldest first.</summary>
    /// <exception cref="TradingCalendarException">The market is unknown.</exception>
    public IReadOnlyList<TradingCalendarYear> GetYears(string market) => [.. Market(market).Values];

    /// <inheritdoc />
    public bool IsTradingDay(string market, DateOnly date) => Year(market, date.Year).IsTradingDay(date);

    /// <inheritdoc />
    public DateOnly NextTradingDay(string market, DateOnly date)
    {
        // Every covered year has trading days in practice, but a file closing a whole year must not loop
        // forever: the search stops at the first uncovered year with an error naming it.
        for (var day = date; ; day = day.AddDays(1))
        {
            if (Year(market, day.Year).IsTradingDay(day))
            {
                return day;
            }

            if (day == DateOnly.MaxValue)
            {
                throw new TradingCalendarException($"No {market.ToUpperInvariant()} trading day at or after {date:yyyy-MM-dd}.");
            }
        }
    }

    private SortedDictionary<int, TradingCalendarYear> Market(string market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (_markets.TryGetValue(market, out var byYear))
        {
            return byYear;
        }

        var known = Markets.Count == 0 ? "none (no calendar files were loaded)" : string.Join(", ", Markets);
        throw new TradingCalendarException(
            $"Unknown trading calendar market '{market}'. Known markets: {known}.");
    }

    private TradingCalendarYear Year(string market, int year)
    {
        var byYear = Market(market);
        if (byYear.TryGetValue(year, out var found))
        {
            return found;
        }

        throw new TradingCalendarException(
            $"The {market.ToUpperInvariant()} trading calendar does not cover {year.ToString(CultureInfo.InvariantCulture)} " +
            $"(covered years: {DescribeYears(byYear.Keys)}); {_addHint}.");
    }

    private static string DescribeYears(IEnumerable<int> years)
    {
        // Contiguous runs read better than a long list: "2024-2026, 2028".
        var runs = new List<string>();
        int? start = null, previous = null;
        foreach (var year in years)
        {
            if (previous is { } p && year == p + 1)
            {
                previous = year;
                continue;
            }

            if (start is { } s)
            {
                runs.Add(Run(s, previous!.Value));
            }

            start = previous = year;
        }

        if (start is { } last)
        {
            runs.Add(Run(last, previous!.Value));
        }

        return string.Join(", ", runs);

        static string Run(int from, int to) => from == to
            ? from.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{from}-{to}");
    }
}
