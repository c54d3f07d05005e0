using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Storage.Sqlite.Internal;

/// <summary>
/// Enum values as stored: lowercase snake text, the same words the API uses, so the database reads well and a
/// renamed C# member cannot silently change stored data.
/// </summary>
internal static class StoreText
{
    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.TimedOut => "timed_out",
        RunStatus.Cancelled => "cancelled",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Skipped => "skipped",
        RunStatus.Missed => "missed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    public static RunStatus ToRunStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "timed_out" => RunStatus.TimedOut,
        "cancelled" => RunStatus.Cancelled,
        "interrupted" => RunStatus.Interrupted,
        "skipped" => RunStatus.Skipped,
        "missed" => RunStatus.Missed,
        _ => throw new InvalidDataException($"Unknown run status '{text}' in the runs table."),
    };

    public static string Of(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => "schedule",
        RunTrigger.Manual => "manual",
        RunTrigger.Event => "event",
        RunTrigger.Retry => "retry",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown run trigger."),
    };

    public static RunTrigger ToRunTrigger(string text) => text switch
    {
        "schedule" => RunTrigger.Schedule,
        "manual" => RunTrigger.Manual,
        "event" => RunTrigger.Event,
        "retry" => RunTrigger.Retry,
        _ => throw new InvalidDataException($"Unknown run trigger '{text}' in the runs table."),
    };

    public static string Of(JobState state) => state switch
    {
        JobState.Scheduled => "scheduled",
        JobState.Paused => "paused",
        JobState.WaitingForPlugin => "waiting_for_plugin",
        JobState.Finished => "finished",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown job state."),
    };

    public static JobState ToJobState(string text) => text switch
    {
        "scheduled" => JobState.Scheduled,
        "paused" => JobState.Paused,
        "waiting_for_plugin" => JobState.WaitingForPlugin,
        "finished" => JobState.Finished,
        _ => throw new InvalidDataException($"Unknown job state '{text}' in the jobs table."),
    };
}
