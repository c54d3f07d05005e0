using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>The snake_case names of run statuses and triggers, as in the API and in events.</summary>
public static class RunStatusNames
{
    public static string ToName(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.TimedOut => "timed_out",
        RunStatus.Cancelled => "cancelled",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Skipped => "skipped",
        RunStatus.Missed => "missed",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out RunStatus status)
    {
        foreach (var candidate in Enum.GetValues<RunStatus>())
        {
            if (ToName(candidate) == name)
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static string ToName(RunTrigger trigger) => trigger.ToString().ToLowerInvariant();
}
