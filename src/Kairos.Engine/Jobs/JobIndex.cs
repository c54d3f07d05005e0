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

    internal void Set(ScheduledJob job) => _jobs[job.JobId] = job;

    internal bool Remove(string jobId, [MaybeNullWhen(false)] out ScheduledJob job) => _jobs.TryRemove(jobId, out job);
}
