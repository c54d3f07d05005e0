namespace Kairos.Storage.Jobs;

/// <summary>The lifecycle state of a job.</summary>
public enum JobState
{
    /// <summary>The job fires on its schedule.</summary>
    Scheduled,
    /// <summary>The job is kept but does not fire; fires that fall while paused are not recorded.</summary>
    Paused,
    /// <summary>The job's task is not available (its plugin is absent); it resumes when the task returns.</summary>
    WaitingForPlugin,
    /// <summary>The schedule has no future fire.</summary>
    Finished,
}
