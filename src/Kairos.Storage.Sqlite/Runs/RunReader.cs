using Kairos.Storage.Runs;
using Kairos.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Kairos.Storage.Sqlite.Runs;

/// <summary>Maps a runs row back to a <see cref="RunRecord"/>; the SELECT lists come from here so ordinals match.</summary>
internal static class RunReader
{
    /// <summary>Every column a history item carries (no logs).</summary>
    public const string SummaryColumns =
        "run_id, job_id, task_id, trigger, scheduled_at, started_at, finished_at, duration_ms, attempt, retry_of, status, " +
        "reason, result_json, error_type, error_message, error_stack, missed_count, missed_lower_bound, missed_first_at, " +
        "missed_last_at, truncation, node, trigger_event_id, config_json, ref_at, retry_run_id, retry_due_at";

    /// <summary>The summary columns plus the logs (ordinal <see cref="LogsOrdinal"/>).</summary>
    public const string FullColumns = SummaryColumns + ", logs_json";

    public const int RefAtOrdinal = 24;
    private const int LogsOrdinal = 27;

    public static RunRecord Read(SqliteDataReader reader, bool withLogs)
    {
        var errorType = reader.GetNullableString(13);
        return new RunRecord
        {
            RunId = reader.GetString(0),
            JobId = reader.GetNullableString(1),
            TaskId = reader.GetString(2),
            Trigger = StoreText.ToRunTrigger(reader.GetString(3)),
            ScheduledAt = reader.GetNullableInstant(4),
            StartedAt = reader.GetNullableInstant(5),
            FinishedAt = reader.GetNullableInstant(6),
            DurationMs = reader.GetNullableInt64(7),
            Attempt = reader.GetInt32(8),
            RetryOf = reader.GetNullableString(9),
            Status = StoreText.ToRunStatus(reader.GetString(10)),
            Reason = reader.GetNullableString(11),
            ResultJson = reader.GetNullableString(12),
            Error = errorType is null ? null : new RunError(errorType, reader.GetNullableString(14) ?? "", reader.GetNullableString(15)),
            Missed = reader.IsDBNull(16)
                ? null
                : new MissedFires(reader.GetInt64(16), reader.GetInt64(17) != 0, reader.GetInstant(18), reader.GetInstant(19)),
            Truncation = reader.GetNullableString(20),
            Node = reader.GetString(21),
            TriggerEventId = reader.GetNullableString(22),
            ConfigJson = reader.GetNullableString(23),
            Retry = reader.GetNullableString(25) is { } retryRunId ? new PlannedRetry(retryRunId, reader.GetInstant(26)) : null,
            Logs = withLogs ? RunLogsJson.Read(reader.GetNullableString(LogsOrdinal)) : [],
        };
    }
}
