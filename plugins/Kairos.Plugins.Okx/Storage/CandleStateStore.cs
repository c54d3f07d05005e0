using System.Data.Common;
using System.Globalization;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Okx.Storage;

/// <summary>Reads and writes <c>okx_candle_state</c>: the open time of the newest candle stored per instrument and bar.</summary>
internal sealed class CandleStateStore(IPluginDatabase database, TimeProvider time)
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public async Task<DateTimeOffset?> GetLastAsync(string instrumentId, string bar, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, "SELECT last_open_time FROM okx_candle_state WHERE instrument_id = @instrument AND bar = @bar",
                ("@instrument", instrumentId), ("@bar", bar));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string text
                ? DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : null;
        }
    }

    public async Task SetLastAsync(string instrumentId, string bar, DateTimeOffset openTime, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, """
                INSERT INTO okx_candle_state (instrument_id, bar, last_open_time, updated_at) VALUES (@instrument, @bar, @last, @now)
                ON CONFLICT (instrument_id, bar) DO UPDATE SET last_open_time = excluded.last_open_time, updated_at = excluded.updated_at
                """, ("@instrument", instrumentId), ("@bar", bar), ("@last", Text(openTime)), ("@now", Text(time.GetUtcNow())));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
