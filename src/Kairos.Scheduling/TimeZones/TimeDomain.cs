namespace Kairos.Scheduling;

/// <summary>
/// The span of time schedules work in. APScheduler's year field starts at 1970; the upper end keeps
/// every ±26 h window and offset arithmetic inside <see cref="DateTime"/>'s range.
/// </summary>
internal static class TimeDomain
{
    public static readonly DateTime Min = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Max = new(9999, 12, 29, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The instant of <paramref name="value"/> as a UTC <see cref="DateTime"/>, clamped into the domain.</summary>
    public static DateTime ClampedUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc < Min ? Min : utc > Max ? Max : utc;
    }

    /// <summary>Whole seconds: the sub-second part dropped.</summary>
    public static DateTime FloorToSecond(DateTime value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Kind);

    /// <summary>Rounded up to the next whole second when there is a fraction.</summary>
    public static DateTimeOffset CeilingToSecond(DateTimeOffset value)
    {
        var fraction = value.UtcTicks % TimeSpan.TicksPerSecond;
        if (fraction == 0)
        {
            return value;
        }
        var remaining = TimeSpan.TicksPerSecond - fraction;
        return value.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - remaining ? value : value.AddTicks(remaining);
    }
}
