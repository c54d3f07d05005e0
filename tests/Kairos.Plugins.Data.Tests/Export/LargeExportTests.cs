using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kairos.Plugins.Data.Tests.Support;
using Kairos.Sdk.Plugins;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Kairos.Plugins.Data.Tests.Export;

/// <summary>Measures the managed heap, so it runs alone (no other test allocating in the same process meanwhile).</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class LargeExportTests(ITestOutputHelper output)
{
    private const int Rows = 1_000_000;
    private const long HeapLimit = 64L * 1024 * 1024;

    [Fact]
    public async Task Export_OfAMillionEvents_StreamsInConstantMemory()
    {
        MemorySampler? sampler = null;
        await using var h = await DataHarness.StartAsync(DataExportTaskTests.Now, wrapMaintenance: m => sampler = new MemorySampler(m));
        var setup = Stopwatch.StartNew();
        await InsertEventsAsync(h.Store.DatabasePath, Rows);
        output.WriteLine($"insert {setup.Elapsed.TotalSeconds:F1} s");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        var (result, _) = await h.RunAsync("data_export", new JsonObject { ["dataset"] = "events" });

        clock.Stop();
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(Rows, result.Data!["rows"]!.GetValue<long>());
        var bytes = result.Data["bytes"]!.GetValue<long>();
        output.WriteLine($"{Rows} rows, {bytes / 1024 / 1024} MiB in {clock.Elapsed.TotalSeconds:F1} s; heap baseline {baseline / 1024 / 1024} MiB, " +
            $"peak {sampler!.PeakTotalMemory / 1024 / 1024} MiB (GC-reported heap peak {sampler.PeakHeapSize / 1024 / 1024} MiB) over {sampler.Samples} samples, {sampler.Gen2Collections} gen2 GCs");
        Assert.Equal(Rows / MemorySampler.Every, sampler.Samples);
        // The file is larger than the limit: the export cannot have been held in memory.
        Assert.True(bytes > HeapLimit, $"{bytes} bytes");
        Assert.True(sampler.PeakTotalMemory < HeapLimit, $"managed heap reached {sampler.PeakTotalMemory} bytes");
        Assert.True(sampler.PeakHeapSize < HeapLimit, $"GC heap size reached {sampler.PeakHeapSize} bytes");
        var lines = 0L;
        using (var reader = new StreamReader(result.Data["file"]!.GetValue<string>()))
        {
            Assert.Equal("sequence,id,type,source,time,subject,run_id,depth,data", await reader.ReadLineAsync());
            Assert.StartsWith($"{Rows},evt-{Rows},test.bulk,test,", await reader.ReadLineAsync(), StringComparison.Ordinal);
            lines = 2;
            while (await reader.ReadLineAsync() is not null)
            {
                lines++;
            }
        }
        Assert.Equal(Rows + 1, lines);
    }

    /// <summary>The host's events table filled in one statement, as a year of a busy event bus would leave it.</summary>
    private static async Task InsertEventsAsync(string databasePath, int count)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO events (id, type, source, time, subject, data, run_id, depth)
            SELECT 'evt-' || i, 'test.bulk', 'test', 1767225600000 + i * 1000, NULL, '{"n":' || i || ',"text":"value, with comma"}', NULL, 0 FROM n
            """;
        command.Parameters.AddWithValue("$count", count);
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Passes the host's rows through, sampling the managed heap every <see cref="Every"/> rows while the export runs.</summary>
    private sealed class MemorySampler(IHostMaintenance inner) : IHostMaintenance
    {
        public const int Every = 10_000;
        private readonly int _gen2Before = GC.CollectionCount(2);

        public long PeakTotalMemory { get; private set; }
        public long PeakHeapSize { get; private set; }
        public int Samples { get; private set; }
        public int Gen2Collections => GC.CollectionCount(2) - _gen2Before;

        public async IAsyncEnumerable<HostEventRow> ReadEventsAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var n = 0L;
            await foreach (var row in inner.ReadEventsAsync(since, until, cancellationToken))
            {
                yield return row;
                if (++n % Every == 0)
                {
                    Samples++;
                    PeakTotalMemory = Math.Max(PeakTotalMemory, GC.GetTotalMemory(forceFullCollection: false));
                    PeakHeapSize = Math.Max(PeakHeapSize, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                }
            }
        }

        public HostRetentionSettings Retention => inner.Retention;
        public string DataDirectory => inner.DataDirectory;
        public Task<HostBackupResult> BackupAsync(string destinationPath, CancellationToken cancellationToken = default) => inner.BackupAsync(destinationPath, cancellationToken);
        public Task<int> DeleteRunsAsync(DateTimeOffset endedBefore, int keepPerJob, int batchSize, CancellationToken cancellationToken = default) => inner.DeleteRunsAsync(endedBefore, keepPerJob, batchSize, cancellationToken);
        public Task<int> DeleteEventsAsync(DateTimeOffset before, long maxCount, int batchSize, CancellationToken cancellationToken = default) => inner.DeleteEventsAsync(before, maxCount, batchSize, cancellationToken);
        public Task<long> IncrementalVacuumAsync(int pages, CancellationToken cancellationToken = default) => inner.IncrementalVacuumAsync(pages, cancellationToken);
        public Task<HostDataCounts> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);
        public IAsyncEnumerable<HostRunRow> ReadRunsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) => inner.ReadRunsAsync(since, until, cancellationToken);
    }
}
