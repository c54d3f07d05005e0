using System.Data.Common;
using System.Globalization;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Wise.Storage;

/// <summary>Where the transaction sync of a profile got to (table <c>wise_sync_state</c>).</summary>
/// <param name="ProfileId">The profile.</param>
/// <param name="SyncedUntil">End of the last window whose every page is stored; the next sync starts from it (minus an overlap).</param>
/// <param name="Window">The window being walked when a run stopped half-way, or null.</param>
/// <param name="NextCursor">The cursor of the first page of <paramref name="Window"/> not stored yet, or null.</param>
internal sealed record SyncState(string ProfileId, DateTimeOffset? SyncedUntil, ActivityWindow? Window, string? NextCursor);

/// <summary>A span of the activity feed walked with one page size (a cursor only makes sense within it).</summary>
internal sealed record ActivityWindow(DateTimeOffset Since, DateTimeOffset Until, int PageSize);

/// <summary>Reads and writes <c>wise_sync_state</c>; each write is one statement (atomic on its own).</summary>
internal sealed class SyncStateStore(IPluginDatabase database, TimeProvider time)
{
    public async Task<SyncState?> GetAsync(string profileId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection,
                "SELECT synced_until, window_since, window_until, page_size, next_cursor FROM wise_sync_state WHERE profile_id = @profile",
                ("@profile", profileId));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
                var window = reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3)
                    ? null
                    : new ActivityWindow(Instant(reader.GetString(1)), Instant(reader.GetString(2)), Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture));
                return new SyncState(profileId, reader.IsDBNull(0) ? null : Instant(reader.GetString(0)), window, reader.IsDBNull(4) ? null : reader.GetString(4));
            }
        }
    }

    /// <summary>Records that the pages of <paramref name="window"/> before <paramref name="nextCursor"/> are stored.</summary>
    public Task SaveProgressAsync(string profileId, ActivityWindow window, string nextCursor, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO wise_sync_state (profile_id, synced_until, window_since, window_until, page_size, next_cursor, updated_at)
            VALUES (@profile, NULL, @since, @until, @size, @cursor, @now)
            ON CONFLICT (profile_id) DO UPDATE SET window_since = excluded.window_since, window_until = excluded.window_until,
                page_size = excluded.page_size, next_cursor = excluded.next_cursor, updated_at = excluded.updated_at
            """, cancellationToken,
            ("@profile", profileId), ("@since", Text(window.Since)), ("@until", Text(window.Until)), ("@size", window.PageSize), ("@cursor", nextCursor));

    /// <summary>Records that every page of a window ending at <paramref name="until"/> is stored (and no walk is pending).</summary>
    public Task CompleteAsync(string profileId, DateTimeOffset until, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO wise_sync_state (profile_id, synced_until, window_since, window_until, page_size, next_cursor, updated_at)
            VALUES (@profile, @until, NULL, NULL, NULL, NULL, @now)
            ON CONFLICT (profile_id) DO UPDATE SET synced_until = excluded.synced_until, window_since = NULL, window_until = NULL,
                page_size = NULL, next_cursor = NULL, updated_at = excluded.updated_at
            """, cancellationToken, ("@profile", profileId), ("@until", Text(until)));

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, sql, [.. parameters, ("@now", Text(time.GetUtcNow()))]);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    internal static string Text(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
