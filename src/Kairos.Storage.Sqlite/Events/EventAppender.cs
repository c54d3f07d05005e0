using System.Globalization;
using System.Text;
using Kairos.Storage.Events;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Events;

/// <summary>
/// Appends batches of events, each inside the caller's raw transaction (<see cref="SqliteDatabase.WriteInRawTransactionAsync{T}"/>), through INSERTs prepared once per write
/// connection and driven by SQLitePCL directly. Through ADO.NET the same step costs boxed parameters and a scalar per
/// event.
/// </summary>
/// <remarks>
/// <para>
/// Events go in up to <see cref="MaxRowsPerInsert"/> at a time, one multi-row INSERT each: a statement pays for its
/// start and for the AUTOINCREMENT bookkeeping (a read and a write of <c>sqlite_sequence</c>) once, not once per event,
/// which measured about a third of an event batch's insert time. One statement inserts its rows in order, each taking
/// the next sequence, so the last rowid gives them all.
/// </para>
/// <para>
/// No look-up first and no <c>OR IGNORE</c>: an ignored conflict still advances the AUTOINCREMENT counter (the last
/// sequence would point past every stored event), while a failed INSERT is undone whole, counter included, and leaves
/// the transaction open. So a chunk holding an id already stored (or twice) fails on the unique id and is appended
/// again one event at a time, where the rare duplicate is read back through ADO.NET and returned.
/// </para>
/// </remarks>
internal sealed class EventAppender : IDisposable
{
    /// <summary>The most events one INSERT carries (8 parameters each).</summary>
    internal const int MaxRowsPerInsert = 32;

    private const string InsertPrefix = "INSERT INTO events (id, type, source, time, subject, data, run_id, depth) VALUES ";
    private const int ParametersPerRow = 8;

    // Characters of event data a statement may keep bound after it ran (SQLite's copy and the bind cache's string):
    // at most 32 statements, so a few MB at worst.
    private const int RetainedDataLimit = 16 * 1024;

    // SQLITE_CONSTRAINT_UNIQUE: the only unique key an insert can hit is the id (the sequence is assigned).
    private const int UniqueViolation = 2067;

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    // Index n holds the INSERT of n rows, prepared on first use.
    private readonly RawStatement?[] _inserts = new RawStatement?[MaxRowsPerInsert + 1];

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
    }

    /// <summary>
    /// Stores every event whose id is not stored already and adds the stored event of each, in order, to
    /// <paramref name="stored"/>.
    /// </summary>
    public void AppendAll(IReadOnlyList<EventRecord> events, List<EventRecord> stored, CancellationToken cancellationToken)
    {
        for (var start = 0; start < events.Count; start += MaxRowsPerInsert)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(MaxRowsPerInsert, events.Count - start);
            if (!TryInsertChunk(events, start, count, stored))
            {
                for (var i = start; i < start + count; i++)
                {
                    stored.Add(Append(events[i]));
                }
            }
        }
    }

    /// <summary>Inserts events [start, start + count) with one statement; false when one of their ids is stored (nothing was inserted).</summary>
    private bool TryInsertChunk(IReadOnlyList<EventRecord> events, int start, int count, List<EventRecord> stored)
    {
        var insert = Statement(count);
        long textLength = 0;
        for (var row = 0; row < count; row++)
        {
            var e = events[start + row];
            Bind(insert, row * ParametersPerRow, e);
            textLength += e.DataJson?.Length ?? 0;
        }
        try
        {
            insert.Execute();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueViolation)
        {
            return false;
        }
        finally
        {
            // Up to 32 statements of up to 32 events each keep their last values bound; large data is let go at once
            // (small values stay, so a repeated type or source is not bound again).
            if (textLength > RetainedDataLimit)
            {
                insert.ClearBindings();
            }
        }
        // The rows took consecutive sequences in VALUES order; the last one is the connection's last rowid.
        var first = raw.sqlite3_last_insert_rowid(_db) - count + 1;
        for (var row = 0; row < count; row++)
        {
            stored.Add(Stored(events[start + row], first + row));
        }
        return true;
    }

    /// <summary>Stores the event unless its id is stored already; returns the stored event either way.</summary>
    private EventRecord Append(EventRecord e)
    {
        var insert = Statement(1);
        Bind(insert, 0, e);
        try
        {
            insert.Execute();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueViolation)
        {
            return ReadStored(e.Id);
        }
        finally
        {
            if (e.DataJson?.Length > RetainedDataLimit)
            {
                insert.ClearBindings();
            }
        }
        // The rowid of the row just inserted on this connection: the sequence (an alias of the rowid).
        return Stored(e, raw.sqlite3_last_insert_rowid(_db));
    }

    private RawStatement Statement(int rows)
    {
        if (_inserts[rows] is { } prepared)
        {
            return prepared;
        }
        var sql = new StringBuilder(InsertPrefix);
        for (var row = 0; row < rows; row++)
        {
            var p = row * ParametersPerRow;
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 1; column <= ParametersPerRow; column++)
            {
                sql.Append(column == 1 ? "?" : ", ?").Append((p + column).ToString(CultureInfo.InvariantCulture));
            }
            sql.Append(')');
        }
        return _inserts[rows] = new RawStatement(_connection, sql.ToString());
    }

    private static void Bind(RawStatement insert, int offset, EventRecord e)
    {
        insert.Bind(offset + 1, e.Id);
        insert.Bind(offset + 2, e.Type);
        insert.Bind(offset + 3, e.Source);
        insert.Bind(offset + 4, UnixMs.From(e.Time));
        insert.Bind(offset + 5, e.Subject);
        insert.Bind(offset + 6, e.DataJson);
        insert.Bind(offset + 7, e.RunId);
        insert.Bind(offset + 8, e.Depth);
    }

    private static EventRecord Stored(EventRecord e, long sequence) =>
        e with { Sequence = sequence, Time = UnixMs.To(UnixMs.From(e.Time)) };

    private EventRecord ReadStored(string id)
    {
        // Inside the raw transaction the append runs in (ADO.NET knows of no transaction, so none is set).
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {EventReader.Columns} FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? EventReader.Read(reader) : throw new InvalidOperationException($"event '{id}' vanished during the append");
    }

    public void Dispose()
    {
        foreach (var insert in _inserts)
        {
            insert?.Dispose();
        }
    }
}
