namespace Kairos.Plugins.Wise.Client;

/// <summary>A mid-market exchange rate (<c>GET /v1/rates</c>): 1 <see cref="Source"/> = <see cref="Rate"/> <see cref="Target"/>.</summary>
/// <param name="Source">Source currency.</param>
/// <param name="Target">Target currency.</param>
/// <param name="Rate">The rate, exactly as sent.</param>
/// <param name="Time">Time of the rate, UTC.</param>
public sealed record WiseRate(string Source, string Target, decimal Rate, DateTimeOffset Time);

/// <summary>Grouping of a rate history.</summary>
public enum WiseRateGroup
{
    /// <summary>One rate per day.</summary>
    Day,

    /// <summary>One rate per hour.</summary>
    Hour,

    /// <summary>One rate per minute.</summary>
    Minute,
}
