namespace Kairos.Sdk.Calendars;

/// <summary>
/// Exchange trading calendars (Shanghai/Shenzhen as <c>CN</c>, NYSE as <c>US</c>), loaded from data files.
/// A date in a year the data does not cover is an error, never a guess.
/// </summary>
public interface ITradingCalendar
{
    /// <summary>The markets with a calendar (upper-case codes such as <c>CN</c>, <c>US</c>).</summary>
    IReadOnlyCollection<string> Markets { get; }

    /// <summary>True when <paramref name="date"/> is a trading day of <paramref name="market"/>.</summary>
    /// <exception cref="TradingCalendarException">The market is unknown or the year is not covered by its data.</exception>
    bool IsTradingDay(string market, DateOnly date);

    /// <summary>The first trading day at or after <paramref name="date"/>.</summary>
    /// <exception cref="TradingCalendarException">The market is unknown or the search leaves the covered years.</exception>
    DateOnly NextTradingDay(string market, DateOnly date);
}

/// <summary>A trading-calendar question that the shipped data cannot answer.</summary>
public sealed class TradingCalendarException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public TradingCalendarException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public TradingCalendarException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TradingCalendarException()
    {
    }
}
