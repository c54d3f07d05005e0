using Kairos.Storage.Events;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Events;

/// <summary>
/// Appends batches of events, each inside the caller's transaction, through two statements prepared once per write
/// connection and
/// driven by SQLitePCL directly: a look-up of the id, then the INSERT, whose sequence is the connection's last rowid.
/// Through ADO.NET the same two steps cost a data reader, boxed parameters and a scalar per event.
/// </summary>
/// <remarks>
/// Looking before inserting matters: a conflicting INSERT would still consume an AUTOINCREMENT value and leave the last
/// sequence pointing past every stored event. An id already stored (or appended earlier in the same batch) returns the
/// stored event and writes nothing; that rare path reads the row through ADO.NET.
/// </remarks>
internal sealed class EventAppender : IDisposable
{
    private const string ExistsSql = "SELECT 1 FROM events WHERE id = ?1";

    private const string InsertSql =
        "INSERT INTO events (id, type, source, time, subject, data, run_id, depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _exists;
    private readonly RawStatement _insert;

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, ExistsSql, out _exists), _db);
        _insert = new RawStatement(connection, InsertSql);
    }

    /// <summary>Starts a batch in <paramref name="transaction"/>.</summary>
    public void Begin(SqliteTransaction transaction) => _transaction = transaction;

    /// <summary>Stores the event unless its id is stored already; returns the stored event either way.</summary>
    public EventRecord Append(EventRecord e)
    {
        if (Exists(e.Id))
        {
            return ReadStored(e.Id);
        }
        _insert.Bind(1, e.Id);
        _insert.Bind(2, e.Type);
        _insert.Bind(3, e.Source);
        _insert.Bind(4, UnixMs.From(e.Time));
        _insert.Bind(5, e.Subject);
        _insert.Bind(6, e.DataJson);
        _insert.Bind(7, e.RunId);
        _insert.Bind(8, e.Depth);
        _insert.Execute();
        // The rowid of the row just inserted on this connection: the sequence (an alias of the rowid).
        return e with { Sequence = raw.sqlite3_last_insert_rowid(_db), Time = UnixMs.To(UnixMs.From(e.Time)) };
    }

    private bool Exists(string id)
    {
        try
        {
            // UTF-16 straight from the string, as RawStatement binds text (an empty span would bind NULL, not '').
            var bound = id.Length == 0 ? raw.sqlite3_bind_text(_exists, 1, id) : raw.sqlite3_bind_text16(_exists, 1, id.AsSpan());
            SqliteException.ThrowExceptionForRC(bound, _db);
            var rc = raw.sqlite3_step(_exists);
            if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
            return rc == raw.SQLITE_ROW;
        }
        finally
        {
            raw.sqlite3_reset(_exists);
        }
    }

    private EventRecord ReadStored(string id)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = $"SELECT {EventReader.Columns} FROM events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? EventReader.Read(reader) : throw new InvalidOperationException($"event '{id}' vanished during the append");
    }

    public void Dispose()
    {
        _exists.Dispose();
        _insert.Dispose();
    }
}
