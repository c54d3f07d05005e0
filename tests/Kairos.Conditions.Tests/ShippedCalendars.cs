using Kairos.Conditions.Calendars;

namespace Kairos.Conditions.Tests;

/// <summary>The calendars shipped in the output folder, loaded once for all tests.</summary>
internal static class ShippedCalendars
{
    private static readonly Lazy<TradingCalendar> Loaded =
        new(() => TradingCalendarLoader.Load([TradingCalendarLoader.ShippedDirectory]));

    public static TradingCalendar Calendar => Loaded.Value;
}
