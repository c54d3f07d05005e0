using Kairos.Storage.Events;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Events;

/// <summary>
/// Appends batches of events, each inside the caller's transaction, through an INSERT prepared once per write
/// connection and driven by SQLitePCL directly; the sequence is the connection's last rowid. Through ADO.NET the same
/// step costs boxed parameters and a scalar per event.
/// </summary>
/// <remarks>
/// The INSERT runs without a look-up first and without <c>OR IGNORE</c>: an ignored conflict still advances the
/// AUTOINCREMENT counter (the last sequence would point past every stored event), while a failed INSERT is undone
/// whole, counter included, and leaves the transaction open. So an id already stored (or appended earlier in the same
/// batch) fails on the unique id, and that rare path reads the stored event through ADO.NET and returns it.
/// </remarks>
internal sealed class EventAppender : IDisposable
{
    private const string InsertSql =
        "INSERT INTO events (id, type, source, time, subject, data, run_id, depth) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    // SQLITE_CONSTRAINT_UNIQUE: the only unique key an insert can hit is the id (the sequence is assigned).
    private const int UniqueViolation = 2067;

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private readonly sqlite3 _db;
    private readonly RawStatement _insert;

    public EventAppender(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _insert = new RawStatement(connection, InsertSql);
    }

    /// <summary>Starts a batch in <paramref name="transaction"/>.</summary>
    public void Begin(SqliteTransaction transaction) => _transaction = transaction;

    /// <summary>Stores the event unless its id is stored already; returns the stored event either way.</summary>
    public EventRecord Append(EventRecord e)
    {
        _insert.Bind(1, e.Id);
        _insert.Bind(2, e.Type);
        _insert.Bind(3, e.Source);
        _insert.Bind(4, UnixMs.From(e.Time));
        _insert.Bind(5, e.Subject);
        _insert.Bind(6, e.DataJson);
        _insert.Bind(7, e.RunId);
        _insert.Bind(8, e.Depth);
        try
        {
            _insert.Execute();
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueViolation)
        {
            return ReadStored(e.Id);
        }
        // The rowid of the row just inserted on this connection: the sequence (an alias of the rowid).
        return e with { Sequence = raw.sqlite3_last_insert_rowid(_db), Time = UnixMs.To(UnixMs.From(e.Time)) };
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

    public void Dispose() => _insert.Dispose();
}
