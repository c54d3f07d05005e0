using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Internal;

/// <summary>
/// A prepared statement driven through SQLitePCL directly, for the run writer's hot path: parameters are bound by
/// position (no per-execution name lookup, no command or reader objects), then the statement is stepped and reset.
/// Runs on the connection, and so inside the transaction, it was prepared on.
/// </summary>
/// <remarks>
/// SQLite keeps bindings across <c>sqlite3_reset</c>, and most columns of consecutive runs carry the same value
/// (task, node, trigger, the many NULLs), so a value already bound is not bound again: each bind is a P/Invoke, and
/// skipping the unchanged ones removes most of them. Text counts as unchanged only when it is the same string
/// instance: the repeated values are (constants, and job texts the job store loads once per distinct value), while
/// comparing contents cost more than it saved on the columns that change every row (run and job ids).
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    // Text up to this length is narrowed to UTF-8 on the stack when it is ASCII.
    private const int AsciiLimit = 128;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Bound[] _kinds;
    private readonly long[] _integers;
    private readonly string?[] _texts;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        var slots = raw.sqlite3_bind_parameter_count(_statement) + 1; // parameters are numbered from 1
        _kinds = new Bound[slots];
        _integers = new long[slots];
        _texts = new string?[slots];
    }

    private enum Bound : byte
    {
        Unknown,
        Null,
        Integer,
        Text,
    }

    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }
        if (_kinds[index] == Bound.Text && ReferenceEquals(_texts[index], value))
        {
            return;
        }
        int rc;
        Span<byte> ascii = stackalloc byte[AsciiLimit];
        if (value.Length == 0)
        {
            // An empty span would arrive as a null pointer, which SQLite binds as NULL rather than ''.
            rc = raw.sqlite3_bind_text(_statement, index, value);
        }
        else if (value.Length <= AsciiLimit && Ascii.FromUtf16(value, ascii, out var written) == OperationStatus.Done)
        {
            // Short ASCII text (ids, names) narrowed here, on the stack: the database stores UTF-8, and handing it
            // UTF-16 makes SQLite convert every value on its side (a run's id and job id, for every run).
            rc = raw.sqlite3_bind_text(_statement, index, ascii[..written]);
        }
        else
        {
            // UTF-16 straight from the string: SQLite converts it natively, with no managed allocation.
            rc = raw.sqlite3_bind_text16(_statement, index, value.AsSpan());
        }
        SqliteException.ThrowExceptionForRC(rc, _db);
        _kinds[index] = Bound.Text;
        _texts[index] = value;
    }

    public void Bind(int index, long? value)
    {
        if (value is not { } v)
        {
            BindNull(index);
            return;
        }
        if (_kinds[index] == Bound.Integer && _integers[index] == v)
        {
            return;
        }
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, index, v), _db);
        _kinds[index] = Bound.Integer;
        _integers[index] = v;
        _texts[index] = null;
    }

    /// <summary>Binds UTF-8 text; an empty span binds NULL.</summary>
    public void BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            BindNull(index);
            return;
        }
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(_statement, index, value), _db);
        _kinds[index] = Bound.Unknown; // not remembered: comparing would cost as much as binding
        _texts[index] = null;
    }

    /// <summary>Runs the statement to completion and returns how many rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            // Read the error (if any) before the reset; the bindings survive the reset either way.
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
        return raw.sqlite3_changes(_db);
    }

    /// <summary>
    /// Unbinds every parameter (SQLite frees its copies; nothing here holds the values any more), for statements whose
    /// values are large and rarely repeat, such as event data.
    /// </summary>
    public void ClearBindings()
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_clear_bindings(_statement), _db);
        Array.Clear(_kinds);
        Array.Clear(_texts);
    }

    public void Dispose() => _statement.Dispose();

    private void BindNull(int index)
    {
        if (_kinds[index] == Bound.Null)
        {
            return;
        }
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_null(_statement, index), _db);
        _kinds[index] = Bound.Null;
        _texts[index] = null;
    }
}
