namespace Kairos.Storage.Sqlite.Internal;

/// <summary>Instants are stored as INTEGER unix milliseconds UTC and read back with offset zero.</summary>
internal static class UnixMs
{
    public static long From(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static object FromNullable(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset To(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
