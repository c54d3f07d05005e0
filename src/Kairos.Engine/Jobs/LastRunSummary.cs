using System.Buffers;
using System.Buffers.Binary;
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
    // Instants as Unix milliseconds (the store's precision) and long.MinValue for "none": 8 bytes each instead of a
    // nullable DateTimeOffset's 24, for an object every job holds. Guarded by a lock on this object (no lock object).
    private const long None = long.MinValue;
    private UInt128 _id;
    private string? _otherId;
    private long _scheduledAt = None;
    private long _startedAt = None;
    private long _finishedAt = None;
    private long _durationMs = None;
    // The enums in a byte each and a 32-bit version (0: never set): 80 bytes an object instead of 96.
    private byte _status;
    private byte _trigger;
    private uint _version;

    /// <summary>
    /// Changes with every <see cref="Set"/>: lets a reader cache what it built from <see cref="Get"/>. (It wraps after
    /// 2^32 runs of one job; a cache would have to skip exactly that many to mistake one for another.)
    /// </summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Records <paramref name="run"/> as the latest.</summary>
    public void Set(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var numeric = TryParseCanonical(run.RunId, out var id);
        lock (this)
        {
            _id = numeric ? id : default;
            _otherId = numeric ? null : run.RunId;
            _status = (byte)run.Status;
            _trigger = (byte)run.Trigger;
            _scheduledAt = Ms(run.ScheduledAt);
            _startedAt = Ms(run.StartedAt);
            _finishedAt = Ms(run.FinishedAt);
            _durationMs = run.DurationMs ?? None;
            // Never 0 again once set: 0 means "no run yet".
            Volatile.Write(ref _version, _version == uint.MaxValue ? 1 : _version + 1);
        }
    }

    /// <summary>The latest run, or null before the job's first run was committed.</summary>
    public LastRunView? Get()
    {
        lock (this)
        {
            if (_version == 0)
            {
                return null;
            }
            return new LastRunView(_otherId ?? _id.ToString("x32", CultureInfo.InvariantCulture), (RunStatus)_status, (RunTrigger)_trigger,
                Instant(_scheduledAt), Instant(_startedAt), Instant(_finishedAt), _durationMs == None ? null : _durationMs);
        }
    }

    private static long Ms(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds() ?? None;

    private static DateTimeOffset? Instant(long ms) => ms == None ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);

    // Only 32 lowercase hex digits round-trip through the number unchanged. Vectorised decoding and a vectorised
    // check for capitals: this runs once per committed run.
    private static bool TryParseCanonical(string runId, out UInt128 id)
    {
        id = default;
        Span<byte> bytes = stackalloc byte[16];
        if (runId.Length != 32
            || runId.AsSpan().ContainsAnyInRange('A', 'F')
            || Convert.FromHexString(runId, bytes, out _, out _) != OperationStatus.Done)
        {
            return false;
        }
        id = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
