using Kairos.Storage.Jobs;

namespace Kairos.Engine.Jobs;

/// <summary>The snake_case names of job states, as in the API.</summary>
public static class JobStateNames
{
    public static string ToName(JobState state) => state switch
    {
        JobState.Scheduled => "scheduled",
        JobState.Paused => "paused",
        JobState.WaitingForPlugin => "waiting_for_plugin",
        JobState.Finished => "finished",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out JobState state)
    {
        foreach (var candidate in Enum.GetValues<JobState>())
        {
            if (ToName(candidate) == name)
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
