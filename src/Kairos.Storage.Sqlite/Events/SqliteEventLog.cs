using System.Globalization;
using System.Text;
using Kairos.Storage.Events;
using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Events;

/// <summary>
/// The event log in the <c>events</c> table. The sequence is the AUTOINCREMENT rowid: strictly increasing and never
/// reused. Query cursors are the decimal sequence of the last item of a page.
/// </summary>
internal sealed class SqliteEventLog(SqliteDatabase database) : IEventLog
{
    private const int MaxPageSize = 1000;

    public Task<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<EventRecord> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<EventRecord>>([]);
        }
        return database.WriteInRawTransactionAsync<IReadOnlyList<EventRecord>>((connection, ct) =>
        {
            var stored = new List<EventRecord>(events.Count);
            database.WriterCached(connection, static c => new EventAppender(c)).AppendAll(events, stored, ct);
            return stored;
        }, cancellationToken, static () => { });
    }

    public async Task<Page<EventRecord>> QueryAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var before = query.Cursor is null ? long.MaxValue : ParseCursor(query.Cursor);
        var typeFilter = query.Type is null ? null : EventTypeFilter.Create(query.Type);
        var matchInMemory = typeFilter is { NeedsMemoryMatch: true };
        // A wildcard pattern may reject rows, so read ahead in larger chunks until the page is full.
        var chunk = matchInMemory ? Math.Clamp((limit + 1) * 2, 64, 4096) : limit + 1;

        var sql = new StringBuilder($"SELECT {EventReader.Columns} FROM events WHERE sequence < $before");
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            if (typeFilter is not null)
            {
                sql.Append(typeFilter.Sql);
                typeFilter.Bind(command);
            }
            if (query.Source is not null)
            {
                sql.Append(" AND source = $source");
                command.With("$source", query.Source);
            }
            if (query.Subject is not null)
            {
                sql.Append(" AND subject = $subject");
                command.With("$subject", query.Subject);
            }
            if (query.RunId is not null)
            {
                sql.Append(" AND run_id = $run_id");
                command.With("$run_id", query.RunId);
            }
            if (query.Since is { } since)
            {
                sql.Append(" AND time >= $since");
                command.With("$since", UnixMs.From(since));
            }
            if (query.Until is { } until)
            {
                sql.Append(" AND time < $until");
                command.With("$until", UnixMs.From(until));
            }
            sql.Append(" ORDER BY sequence DESC LIMIT $chunk");
            command.CommandText = sql.ToString();
            var beforeParameter = command.Parameters.AddWithValue("$before", before);
            command.With("$chunk", chunk);

            // One row beyond the page tells whether a next page exists.
            var items = new List<EventRecord>(Math.Min(limit + 1, 128));
            while (items.Count <= limit)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = 0;
                using (var reader = command.ExecuteReader())
                {
                    while (items.Count <= limit && reader.Read())
                    {
                        rows++;
                        before = reader.GetInt64(0);
                        if (!matchInMemory || typeFilter!.Pattern.Matches(reader.GetString(2)))
                        {
                            items.Add(EventReader.Read(reader));
                        }
                    }
                }
                if (rows < chunk)
                {
                    break;
                }
                beforeParameter.Value = before;
            }
            if (items.Count <= limit)
            {
                return new Page<EventRecord>(items, null);
            }
            items.RemoveAt(items.Count - 1);
            return new Page<EventRecord>(items, items[^1].Sequence.ToString(CultureInfo.InvariantCulture));
        }
    }

    public async Task<IReadOnlyList<EventRecord>> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {EventReader.Columns} FROM events WHERE sequence > $after ORDER BY sequence LIMIT $limit";
            command.With("$after", afterSequence).With("$limit", limit);
            using var reader = command.ExecuteReader();
            var events = new List<EventRecord>(Math.Min(limit, 256));
            while (reader.Read())
            {
                events.Add(EventReader.Read(reader));
            }
            return events;
        }
    }

    public async Task<EventRecord?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {EventReader.Columns} FROM events WHERE id = $id";
            command.With("$id", eventId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? EventReader.Read(reader) : null;
        }
    }

    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // sqlite_sequence keeps the highest sequence ever assigned, even once those events are deleted.
            command.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = 'events'";
            return command.ExecuteScalar() is long sequence ? sequence : 0;
        }
    }

    public Task<int> DeleteOldAsync(DateTimeOffset olderThan, long maxCount, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return database.WriteInTransactionAsync((connection, transaction, _) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;

            // First the events beyond the newest maxCount: a prefix of the sequence, hence the oldest.
            command.CommandText = "SELECT sequence FROM events ORDER BY sequence DESC LIMIT 1 OFFSET $max_count";
            command.With("$max_count", maxCount);
            var deleted = 0;
            var lastBeyondCount = command.ExecuteScalar();
            command.Parameters.Clear();
            if (lastBeyondCount is long last)
            {
                command.CommandText =
                    "DELETE FROM events WHERE sequence IN (SELECT sequence FROM events WHERE sequence <= $last ORDER BY sequence LIMIT $batch)";
                command.With("$last", last).With("$batch", batchSize);
                deleted = command.ExecuteNonQuery();
                command.Parameters.Clear();
            }

            // Then, with what is left of the batch, those older than the age limit (oldest first, along the time index).
            if (deleted < batchSize)
            {
                command.CommandText =
                    "DELETE FROM events WHERE sequence IN (SELECT sequence FROM events WHERE time < $older_than ORDER BY time, sequence LIMIT $batch)";
                command.With("$older_than", UnixMs.From(olderThan)).With("$batch", batchSize - deleted);
                deleted += command.ExecuteNonQuery();
            }
            return deleted;
        }, cancellationToken);
    }

    private static long ParseCursor(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new ArgumentException($"The cursor '{cursor}' is not a cursor returned by an event history query.", nameof(cursor));
}
