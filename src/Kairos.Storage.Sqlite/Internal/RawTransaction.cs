using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Storage.Sqlite.Internal;

/// <summary>
/// <c>BEGIN IMMEDIATE</c>, <c>COMMIT</c> and <c>ROLLBACK</c> prepared once on the write connection, for
/// <see cref="SqliteDatabase.WriteInRawTransactionAsync{T}"/>.
/// </summary>
internal sealed class RawTransaction(SqliteConnection connection) : IDisposable
{
    private readonly sqlite3 _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
    private readonly RawStatement _begin = new(connection, "BEGIN IMMEDIATE");
    private readonly RawStatement _commit = new(connection, "COMMIT");
    private readonly RawStatement _rollback = new(connection, "ROLLBACK");

    public void Begin()
    {
        // A transaction still open here means an earlier rollback failed; end it rather than fail every write after.
        RollbackIfOpen();
        _begin.Execute();
    }

    public void Commit() => _commit.Execute();

    /// <summary>Rolls back unless SQLite already ended the transaction (some errors roll it back themselves).</summary>
    public void RollbackIfOpen()
    {
        if (raw.sqlite3_get_autocommit(_db) == 0)
        {
            _rollback.Execute();
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }
}
