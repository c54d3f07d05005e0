namespace Kairos.Plugins.Portfolio;

/// <summary>An exchange rate: one unit of <paramref name="Base"/> is worth <paramref name="Rate"/> units of <paramref name="Quote"/>.</summary>
/// <param name="Base">Base currency, upper case.</param>
/// <param name="Quote">Quote currency, upper case.</param>
/// <param name="Rate">The rate (positive), exact.</param>
/// <param name="Time">When the rate applied.</param>
/// <param name="Source">Who reported it (<c>wise</c>, <c>okx</c>, <c>manual</c>).</param>
public sealed record ExchangeRate(string Base, string Quote, decimal Rate, DateTimeOffset Time, string Source);

/// <summary>A price of an instrument at an instant.</summary>
/// <param name="Source">Who reported it.</param>
/// <param name="InstrumentId">The instrument's id within the source.</param>
/// <param name="Price">Price per unit, exact.</param>
/// <param name="Currency">Currency of the price, upper case.</param>
/// <param name="Time">When the price applied.</param>
public sealed record PriceQuote(string Source, string InstrumentId, decimal Price, string Currency, DateTimeOffset Time);

/// <summary>One candle (OHLC bar) of an instrument.</summary>
/// <param name="Source">Who reported it.</param>
/// <param name="InstrumentId">The instrument's id within the source.</param>
/// <param name="Bar">The bar size as the source names it (<c>1m</c>, <c>1H</c>, <c>1D</c>).</param>
/// <param name="OpenTime">Start of the bar.</param>
/// <param name="Open">Opening price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Closing (or latest) price.</param>
public sealed record Candle(string Source, string InstrumentId, string Bar, DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close)
{
    /// <summary>Traded volume, or null.</summary>
    public decimal? Volume { get; init; }
}
