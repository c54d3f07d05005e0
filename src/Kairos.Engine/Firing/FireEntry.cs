using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;

namespace Kairos.Engine.Firing;

/// <summary>
/// A queued fire: either a job's scheduled fire (<see cref="Job"/> is the version that queued it; a changed job
/// is a new object, so stale entries are recognised by reference) or a retry due at its backoff time.
/// </summary>
internal readonly record struct FireEntry(ScheduledJob? Job, DateTimeOffset FireTime, RunRequest? Retry);
