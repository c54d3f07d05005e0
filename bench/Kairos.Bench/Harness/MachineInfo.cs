using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Kairos.Bench.Harness;

/// <summary>The machine a run happened on, recorded with every result.</summary>
public sealed record MachineInfo
{
    public required int Cores { get; init; }
    public required string Cpu { get; init; }
    public required double MemoryGb { get; init; }
    public required string Runtime { get; init; }
    public required string Os { get; init; }
    public required string Gc { get; init; }
    public required string LoadAverageAtStart { get; init; }
    public string? LoadAverageAtEnd { get; set; }
    public required double FsyncMicroseconds { get; init; }

    public static MachineInfo Capture(string probeDirectory) => new()
    {
        Cores = Environment.ProcessorCount,
        Cpu = ReadCpu(),
        MemoryGb = Math.Round(ReadMemTotalKb() / 1048576.0, 1),
        Runtime = RuntimeInformation.FrameworkDescription,
        Os = RuntimeInformation.OSDescription,
        Gc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : ""),
        LoadAverageAtStart = LoadAverage(),
        FsyncMicroseconds = MeasureFsync(probeDirectory),
    };

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The one-minute load average (NaN when unknown).</summary>
    public static double OneMinuteLoad() =>
        double.TryParse(LoadAverage().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    private static string ReadCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static double ReadMemTotalKb()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return double.Parse(new string(line.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0;
        }
    }

    /// <summary>The cost of one durable write on the disk the databases live on: what bounds every commit.</summary>
    private static double MeasureFsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "fsync-probe.bin");
        var block = new byte[4096];
        const int Writes = 100;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Writes; i++)
            {
                file.Write(block);
                file.Flush(flushToDisk: true);
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            File.Delete(path);
            return Math.Round(elapsed.TotalMicroseconds / Writes);
        }
    }
}
