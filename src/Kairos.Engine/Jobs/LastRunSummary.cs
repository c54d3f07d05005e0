using System.Globalization;
using Kairos.Storage.Runs;

namespace Kairos.Engine.Jobs;

/// <summary>What the API shows of a job's latest run (a copy: it holds no reference to the run's record).</summary>
public readonly record struct LastRunView(
    string RunId,
    RunStatus Status,
    RunTrigger Trigger,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs);

/// <summary>
/// A job's latest committed run, updated in place. Keeping the run's record instead would keep every job's record
/// alive for a whole interval, long enough to be promoted to the oldest GC generation and die there: with 100,000 jobs
/// firing each second that is tens of MB of old garbage per second. A run id made by <see cref="Runs.RunIds"/> is
/// held as a number for the same reason.
/// </summary>
public sealed class LastRunSummary
{
    private readonly Lock _lock = new();
    private bool _set;
    private UInt128 _id;
    private string? _otherId;
    private RunStatus _status;
    private RunTrigger _trigger;
    private DateTimeOffset? _scheduledAt;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private long? _durationMs;

    /// <summary>Records <paramref name="run"/> as the latest.</summary>
    public void Set(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        UInt128 id = default;
        var numeric = run.RunId.Length == 32 && IsCanonical(run.RunId)
            && UInt128.TryParse(run.RunId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
        lock (_lock)
        {
            _set = true;
            _id = numeric ? id : default;
            _otherId = numeric ? null : run.RunId;
            _status = run.Status;
            _trigger = run.Trigger;
            _scheduledAt = run.ScheduledAt;
            _startedAt = run.StartedAt;
            _finishedAt = run.FinishedAt;
            _durationMs = run.DurationMs;
        }
    }

    /// <summary>The latest run, or null before the job's first run was committed.</summary>
    public LastRunView? Get()
    {
        lock (_lock)
        {
            if (!_set)
            {
                return null;
            }
            return new LastRunView(_otherId ?? _id.ToString("x32", CultureInfo.InvariantCulture), _status, _trigger, _scheduledAt, _startedAt, _finishedAt, _durationMs);
        }
    }

    // Only lowercase hex round-trips through the number unchanged.
    private static bool IsCanonical(string runId)
    {
        foreach (var c in runId)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }
        return true;
    }
}
