using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Portfolio;

/// <summary>The portfolio's settings (<c>Plugins:portfolio:*</c>).</summary>
/// <param name="BaseCurrency"><c>BaseCurrency</c>: the default currency of net worth (default <c>CNY</c>).</param>
/// <param name="TimeZone"><c>TimeZone</c>: the zone whose calendar days the daily snapshots follow (default <c>Asia/Shanghai</c>).</param>
public sealed record PortfolioSettings(string BaseCurrency, TimeZoneInfo TimeZone)
{
    /// <summary>The defaults.</summary>
    public static PortfolioSettings Default { get; } = new("CNY", FindZone("Asia/Shanghai"));

    /// <summary>Reads the settings; a bad value fails with a message naming the key.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static PortfolioSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var currency = settings["BaseCurrency"];
        var baseCurrency = string.IsNullOrWhiteSpace(currency) ? Default.BaseCurrency : Codes.TryCurrency(currency)
            ?? throw new InvalidOperationException($"Plugins:portfolio:BaseCurrency '{currency}' is not a currency code such as CNY or USD.");
        var zoneId = settings["TimeZone"];
        var zone = string.IsNullOrWhiteSpace(zoneId) ? Default.TimeZone : FindZone(zoneId.Trim());
        return new PortfolioSettings(baseCurrency, zone);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Plugins:portfolio:TimeZone '{id}' is not a time zone known to this machine (use an IANA id such as Asia/Shanghai).", ex);
        }
    }
}
