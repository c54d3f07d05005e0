using System.Diagnostics;
using System.Globalization;

namespace Kairos.Bench.Measurement;

/// <summary>
/// Samples this process every 50 ms: the managed heap (<see cref="GC.GetTotalMemory(bool)"/>) and the resident set.
/// The peak working set is the kernel's high-water mark (VmHWM), which also covers the moments between samples.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakGcHeap;
    private long _peakResident;

    public ProcessSampler()
    {
        _loop = Task.Run(() => SampleAsync(_stop.Token));
    }

    /// <summary>The largest managed heap seen, in bytes.</summary>
    public long PeakGcHeapBytes => Interlocked.Read(ref _peakGcHeap);

    /// <summary>The peak resident set of the process since it started, in bytes (VmHWM; else the largest sample).</summary>
    public long PeakWorkingSetBytes => ReadStatusKb("VmHWM:") is { } kb ? kb * 1024 : Math.Max(Interlocked.Read(ref _peakResident), Environment.WorkingSet);

    /// <summary>CPU time of the whole process so far (all threads, user + kernel).</summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var heap = GC.GetTotalMemory(false);
        if (heap > Interlocked.Read(ref _peakGcHeap))
        {
            Interlocked.Exchange(ref _peakGcHeap, heap);
        }
        var resident = Environment.WorkingSet;
        if (resident > Interlocked.Read(ref _peakResident))
        {
            Interlocked.Exchange(ref _peakResident, resident);
        }
    }

    private static long? ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var digits = new string(line.AsSpan(key.Length).Trim().ToString().TakeWhile(char.IsDigit).ToArray());
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        Sample();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
