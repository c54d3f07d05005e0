using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Kairos.Engine.Jobs;

/// <summary>The jobs the engine knows, by id (the in-memory side of the job store).</summary>
public sealed class JobIndex
{
    private readonly ConcurrentDictionary<string, ScheduledJob> _jobs = new(StringComparer.Ordinal);

    public bool TryGet(string jobId, [MaybeNullWhen(false)] out ScheduledJob job) => _jobs.TryGetValue(jobId, out job);

    public ICollection<ScheduledJob> All => _jobs.Values;

    public int Count => _jobs.Count;

    /// <summary>Makes <paramref name="job"/> the live version; the version it replaces is retired. Callers hold the engine's job lock.</summary>
    internal void Set(ScheduledJob job)
    {
        if (_jobs.TryGetValue(job.JobId, out var previous) && !ReferenceEquals(previous, job))
        {
            previous.Retire();
        }
        _jobs[job.JobId] = job;
    }

    /// <summary>Removes the job and retires it. Callers hold the engine's job lock.</summary>
    internal bool Remove(string jobId, [MaybeNullWhen(false)] out ScheduledJob job)
    {
        if (!_jobs.TryRemove(jobId, out job))
        {
            return false;
        }
        job.Retire();
        return true;
    }
}
