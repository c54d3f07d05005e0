using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Tests;

/// <summary>Direct access to a database file, outside the store, for checking what it really wrote.</summary>
internal static class SqliteTestDb
{
    public static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(string path, string sql, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        using var connection = Open(path, mode);
        return Scalar(connection, sql);
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Long(string path, string sql) => Convert.ToInt64(Scalar(path, sql), CultureInfo.InvariantCulture);

    /// <summary>The plan SQLite chooses for <paramref name="sql"/>, one line per step.</summary>
    public static string Plan(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$job_id" })
        {
            command.Parameters.AddWithValue(name, "job");
        }
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join('\n', lines);
    }
}
