using System.Collections.Concurrent;

namespace Kairos.Scheduling;

/// <summary>Looks up IANA time zones (and only those: Windows ids and host-specific files are refused).</summary>
internal static class IanaTimeZones
{
    // Only zones that exist are cached, so unknown names sent by clients cannot grow it.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_cache = new(StringComparer.Ordinal);

    // Files in the zoneinfo folder that are not zones, or depend on the host's configuration.
    private static readonly HashSet<string> s_refused = new(StringComparer.OrdinalIgnoreCase) { "localtime", "posixrules", "Factory" };

    public static TimeZoneInfo? TryFind(string? ianaName)
    {
        if (string.IsNullOrWhiteSpace(ianaName) || ianaName.Length > 64 || !IsWellFormed(ianaName) || s_refused.Contains(ianaName))
        {
            return null;
        }
        if (s_cache.TryGetValue(ianaName, out var cached))
        {
            return cached;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(ianaName);
            return zone.HasIanaId ? s_cache.GetOrAdd(ianaName, zone) : null;
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(string name)
    {
        if (name.Contains("..", StringComparison.Ordinal) || name[0] == '/' || name[^1] == '/')
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+'))
            {
                return false;
            }
        }
        return true;
    }
}
