using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Internal;

internal static class SqliteCommandExtensions
{
    /// <summary>Adds a parameter; null becomes SQL NULL.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset? GetNullableInstant(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMs.To(reader.GetInt64(ordinal));

    public static DateTimeOffset GetInstant(this SqliteDataReader reader, int ordinal) => UnixMs.To(reader.GetInt64(ordinal));
}
