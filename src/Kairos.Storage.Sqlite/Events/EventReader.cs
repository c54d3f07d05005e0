using Kairos.Storage.Events;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Events;

internal static class EventReader
{
    public const string Columns = "sequence, id, type, source, time, subject, data, run_id, depth";

    public static EventRecord Read(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        Id = reader.GetString(1),
        Type = reader.GetString(2),
        Source = reader.GetString(3),
        Time = reader.GetInstant(4),
        Subject = reader.GetNullableString(5),
        DataJson = reader.GetNullableString(6),
        RunId = reader.GetNullableString(7),
        Depth = reader.GetInt32(8),
    };
}
