using Microsoft.Extensions.Configuration;

namespace Kairos.Plugins.Data;

/// <summary>The data plugin's settings (<c>Plugins:data:*</c>).</summary>
/// <param name="TimeZone"><c>TimeZone</c>: the zone whose calendar months report periods and whose days export dates follow (default <c>Asia/Shanghai</c>).</param>
public sealed record DataSettings(TimeZoneInfo TimeZone)
{
    /// <summary>The defaults.</summary>
    public static DataSettings Default { get; } = new(FindZone("Asia/Shanghai"));

    /// <summary>Reads the settings; a bad value fails with a message naming the key.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static DataSettings From(IConfiguration settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var zoneId = settings["TimeZone"];
        return string.IsNullOrWhiteSpace(zoneId) ? Default : new DataSettings(FindZone(zoneId.Trim()));
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Plugins:data:TimeZone '{id}' is not a time zone known to this machine (use an IANA id such as Asia/Shanghai).", ex);
        }
    }
}
