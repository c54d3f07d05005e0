using Kairos.Plugins.Portfolio;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// Converts amounts with the latest rates by the portfolio's own rule (so the report's figures match its net worth):
/// directly, through the inverse of a rate, or across one intermediate currency (USD first, then the others in code
/// order); rounded to 0.01 half away from zero when a conversion happened, exact otherwise; null when no rate connects.
/// Remembers every rate it used.
/// </summary>
internal sealed class RateConverter
{
    private readonly Dictionary<(string From, string To), ExchangeRate> _rates = [];
    private readonly SortedSet<string> _currencies = new(StringComparer.Ordinal);

    public RateConverter(IEnumerable<ExchangeRate> rates)
    {
        foreach (var rate in rates)
        {
            if (!_rates.TryGetValue((rate.Base, rate.Quote), out var known) || known.Time < rate.Time)
            {
                _rates[(rate.Base, rate.Quote)] = rate;
            }
            _currencies.Add(rate.Base);
            _currencies.Add(rate.Quote);
        }
    }

    public HashSet<ExchangeRate> Used { get; } = [];

    public decimal? Convert(decimal? amount, string from, string to)
    {
        if (amount is not { } value)
        {
            return null;
        }
        if (from == to)
        {
            return value;
        }
        var path = new List<ExchangeRate>(2);
        if (Factor(from, to, path) is { } direct)
        {
            return Done(value * direct, path);
        }
        foreach (var pivot in _currencies.Where(c => c != from && c != to).OrderBy(c => c == "USD" ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal))
        {
            path.Clear();
            if (Factor(from, pivot, path) is { } first && Factor(pivot, to, path) is { } second)
            {
                return Done(value * first * second, path);
            }
        }
        return null;
    }

    private decimal Done(decimal value, List<ExchangeRate> path)
    {
        Used.UnionWith(path);
        return Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }

    private decimal? Factor(string from, string to, List<ExchangeRate> path)
    {
        if (_rates.TryGetValue((from, to), out var rate))
        {
            path.Add(rate);
            return rate.Rate;
        }
        if (_rates.TryGetValue((to, from), out var inverse))
        {
            path.Add(inverse);
            return 1m / inverse.Rate;
        }
        return null;
    }
}
