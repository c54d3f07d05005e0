namespace Kairos.Bench.Measurement;

/// <summary>
/// What every job body does: records (scheduled time, actual start) into preallocated arrays, so measuring costs one
/// clock read and one interlocked increment per fire and allocates nothing. Only fires scheduled inside the measured
/// window are kept; every fire is counted, and the first and last starts are remembered (start-up, throughput).
/// </summary>
public sealed class FireRecorder
{
    private readonly long[] _scheduled;
    private readonly long[] _started;
    private readonly TimeProvider _time;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MinValue;
    private int _count;
    private long _total;
    private long _overflow;
    private long _firstStart = long.MaxValue;
    private long _lastStart = long.MinValue;
    private volatile bool _closed;

    public FireRecorder(int capacity, TimeProvider time)
    {
        _scheduled = new long[capacity];
        _started = new long[capacity];
        _time = time;
        // Touch the arrays now, so their pages are not first faulted in on the firing path.
        Array.Fill(_scheduled, 0L);
        Array.Fill(_started, 0L);
    }

    /// <summary>Fires of every schedule time seen (in or out of the window).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The earliest body start seen (UTC ticks), or long.MaxValue.</summary>
    public long FirstStartTicks => Interlocked.Read(ref _firstStart);

    /// <summary>The latest body start seen (UTC ticks), or long.MinValue.</summary>
    public long LastStartTicks => Interlocked.Read(ref _lastStart);

    /// <summary>Fires kept in the window.</summary>
    public int Count => Math.Min(Volatile.Read(ref _count), _scheduled.Length);

    /// <summary>Fires in the window that did not fit the arrays.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>Keeps fires scheduled in [start, end).</summary>
    public void SetWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Volatile.Write(ref _windowEnd, end.UtcTicks);
        Volatile.Write(ref _windowStart, start.UtcTicks);
    }

    /// <summary>Stops keeping fires (later ones are still counted in <see cref="Total"/>).</summary>
    public void Close() => _closed = true;

    /// <summary>The job body: scheduled time in UTC ticks; the start is read here.</summary>
    public void Record(long scheduledUtcTicks)
    {
        var started = _time.GetUtcNow().UtcTicks;
        Interlocked.Increment(ref _total);
        UpdateMin(ref _firstStart, started);
        UpdateMax(ref _lastStart, started);
        if (_closed || scheduledUtcTicks < Volatile.Read(ref _windowStart) || scheduledUtcTicks >= Volatile.Read(ref _windowEnd))
        {
            return;
        }
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _scheduled.Length)
        {
            _scheduled[index] = scheduledUtcTicks;
            _started[index] = started;
        }
        else
        {
            Interlocked.Increment(ref _overflow);
        }
    }

    /// <summary>Lags (start − scheduled) of the kept fires, in microseconds, sorted.</summary>
    public double[] SortedLagsMicroseconds()
    {
        var count = Count;
        var lags = new double[count];
        for (var i = 0; i < count; i++)
        {
            lags[i] = (_started[i] - _scheduled[i]) / (double)TimeSpan.TicksPerMicrosecond;
        }
        Array.Sort(lags);
        return lags;
    }

    /// <summary>Starts of the kept fires (UTC ticks), for throughput over a burst.</summary>
    public long MaxStartInWindow()
    {
        var count = Count;
        var max = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            max = Math.Max(max, _started[i]);
        }
        return max;
    }

    private static void UpdateMin(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    private static void UpdateMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
