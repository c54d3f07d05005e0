using Kairos.Engine.Jobs;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Runs;

/// <summary>
/// One committed batch of run records in arrival order, each with the last-run summary of its job when the producer
/// knew it (null for runs without a job, or queued without one).
/// </summary>
public sealed class CommittedRuns
{
    private readonly List<RunRecord> _records;
    private readonly List<LastRunSummary?> _lastRuns;

    internal CommittedRuns(int capacity)
    {
        _records = new List<RunRecord>(capacity);
        _lastRuns = new List<LastRunSummary?>(capacity);
    }

    /// <summary>The records, in the order they were queued.</summary>
    public IReadOnlyList<RunRecord> Records => _records;

    /// <summary>How many records the batch holds.</summary>
    public int Count => _records.Count;

    /// <summary>The last-run summary queued with record <paramref name="index"/>, if any.</summary>
    public LastRunSummary? LastRunAt(int index) => _lastRuns[index];

    internal List<RunRecord> RecordList => _records;

    internal void Add(RunRecord record, LastRunSummary? lastRun)
    {
        _records.Add(record);
        _lastRuns.Add(lastRun);
    }
}
