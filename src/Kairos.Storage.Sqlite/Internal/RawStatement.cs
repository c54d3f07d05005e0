using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Internal;

/// <summary>
/// A prepared statement driven through SQLitePCL directly, for the run writer's hot path: parameters are bound by
/// position (no per-execution name lookup, no command/reader objects), then the statement is stepped and reset.
/// Runs on the connection (and so inside the transaction) it was prepared on.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Bind(int index, string? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),
            // An empty span would arrive as a null pointer, which SQLite binds as NULL rather than ''.
            "" => raw.sqlite3_bind_text(_statement, index, value),
            // UTF-16 straight from the string: SQLite converts it natively, with no managed allocation.
            _ => raw.sqlite3_bind_text16(_statement, index, value.AsSpan()),
        };
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Binds UTF-8 text; an empty span binds NULL.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        var rc = value.IsEmpty ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Bind(int index, long? value)
    {
        var rc = value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs the statement to completion and returns how many rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        raw.sqlite3_reset(_statement);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();
}
