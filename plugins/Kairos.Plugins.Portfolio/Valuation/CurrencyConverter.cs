namespace Kairos.Plugins.Portfolio.Valuation;

/// <summary>
/// Converts amounts between currencies with a set of rates (one per pair): directly, through the inverse of a rate,
/// or across one intermediate currency (USD first, then others in code order). Never guesses: no path, no value.
/// </summary>
internal sealed class CurrencyConverter
{
    private readonly Dictionary<(string From, string To), ExchangeRate> _rates = [];
    private readonly SortedSet<string> _currencies = new(StringComparer.Ordinal);

    /// <param name="rates">At most one rate per pair should be given; for several, the newest wins.</param>
    public CurrencyConverter(IEnumerable<ExchangeRate> rates)
    {
        foreach (var rate in rates)
        {
            var key = (rate.Base, rate.Quote);
            if (!_rates.TryGetValue(key, out var known) || known.Time < rate.Time)
            {
                _rates[key] = rate;
            }
            _currencies.Add(rate.Base);
            _currencies.Add(rate.Quote);
        }
    }

    /// <summary>
    /// <paramref name="amount"/> of <paramref name="from"/> in <paramref name="to"/>, rounded to 0.01 half away from
    /// zero when a conversion happened (kept exact when the currencies are the same), or null when no rates connect them.
    /// </summary>
    public decimal? Convert(decimal amount, string from, string to, ICollection<ExchangeRate> used)
    {
        if (from == to)
        {
            return amount;
        }
        if (Factor(from, to, used) is { } direct)
        {
            return Math.Round(amount * direct, 2, MidpointRounding.AwayFromZero);
        }
        var pivots = _currencies.Where(c => c != from && c != to).OrderBy(c => c == "USD" ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal);
        foreach (var pivot in pivots)
        {
            var path = new List<ExchangeRate>(2);
            if (Factor(from, pivot, path) is { } first && Factor(pivot, to, path) is { } second)
            {
                foreach (var rate in path)
                {
                    used.Add(rate);
                }
                return Math.Round(amount * first * second, 2, MidpointRounding.AwayFromZero);
            }
        }
        return null;
    }

    private decimal? Factor(string from, string to, ICollection<ExchangeRate> used)
    {
        if (_rates.TryGetValue((from, to), out var rate))
        {
            used.Add(rate);
            return rate.Rate;
        }
        if (_rates.TryGetValue((to, from), out var inverse))
        {
            used.Add(inverse);
            return 1m / inverse.Rate;
        }
        return null;
    }
}
