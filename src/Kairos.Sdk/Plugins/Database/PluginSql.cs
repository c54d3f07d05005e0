using System.Data.Common;
using System.Globalization;

namespace Kairos.Sdk.Plugins;

/// <summary>
/// Small ADO.NET helpers over a plugin's connection (<see cref="IPluginDatabase"/>), driver-agnostic. Write SQL
/// once for SQLite and PostgreSQL (both accept <c>@name</c> parameters and <c>INSERT … ON CONFLICT … DO UPDATE</c>).
/// The conventions they encode: amounts as exact decimal TEXT (never a binary float), instants as fixed-width UTC
/// ISO-8601 TEXT (so they order as text), dates as <c>yyyy-MM-dd</c>.
/// </summary>
public static class PluginSql
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>A command with its parameters bound (<c>null</c> becomes <see cref="DBNull"/>).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this plugin; values always travel as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and maps every row.</summary>
    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }
            return rows;
        }
    }

    /// <summary>Opens a connection of the plugin's database (dispose it).</summary>
    public static async Task<DbConnection> OpenAsync(IPluginDatabase database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection;
    }

    /// <summary>An exact decimal as TEXT.</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An exact decimal as TEXT, or null.</summary>
    public static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>An instant as fixed-width UTC ISO-8601 TEXT.</summary>
    public static string Text(DateTimeOffset value) => value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A TEXT column.</summary>
    public static string String(DbDataReader reader, int ordinal) => reader.GetString(ordinal);

    /// <summary>A nullable TEXT column.</summary>
    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An exact decimal stored as TEXT.</summary>
    public static decimal Decimal(DbDataReader reader, int ordinal) => decimal.Parse(reader.GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    /// <summary>A nullable exact decimal stored as TEXT.</summary>
    public static decimal? NullableDecimal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Decimal(reader, ordinal);

    /// <summary>An instant stored as UTC ISO-8601 TEXT.</summary>
    public static DateTimeOffset Instant(DbDataReader reader, int ordinal) => ParseInstant(reader.GetString(ordinal));

    /// <summary>A nullable instant stored as UTC ISO-8601 TEXT.</summary>
    public static DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader, ordinal);

    /// <summary>A date stored as <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly Date(DbDataReader reader, int ordinal) => DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A boolean stored as an integer.</summary>
    public static bool Boolean(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture) != 0;

    /// <summary>Parses an instant written by <see cref="Text(DateTimeOffset)"/>.</summary>
    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
