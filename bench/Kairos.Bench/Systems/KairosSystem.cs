using Kairos.Bench.Kairos;
using Kairos.Bench.Measurement;
using Kairos.Engine;
using Kairos.Storage.Runs;

namespace Kairos.Bench.Systems;

/// <summary>
/// Kairos in process on a copy of a template database of jobs created through the job service, with default
/// <see cref="EngineOptions"/> (every run recorded in SQLite) unless <paramref name="recordRuns"/> is false.
/// </summary>
public sealed class KairosSystem(string template, string workDirectory, bool recordRuns) : ISystemUnderTest
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KairosHost? _host;
    private int _remainingOneOff = -1;

    public Task<long> OneOffCompletion => _completion.Task;

    private EngineOptions Options => new() { RecordRuns = recordRuns };

    public async Task ScheduleRecurringAsync(int n, DateTimeOffset firstDue, bool spread, FireRecorder recorder)
    {
        if (spread && !KairosCapabilities.SubSecondStartDate)
        {
            throw new NotSupportedException(KairosCapabilities.WholeSecondReason);
        }
        KairosTemplates.CopyTo(template, workDirectory);
        KairosTemplates.ShiftRecurring(workDirectory, firstDue, spread, n);
        _host = await KairosHost.OpenAsync(workDirectory, Options, [new RecordTask(recorder)]).ConfigureAwait(false);
    }

    public async Task ScheduleOneOffAsync(int n, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues, FireRecorder recorder)
    {
        KairosTemplates.CopyTo(template, workDirectory);
        KairosTemplates.ShiftOneOff(workDirectory, due, warmup, warmupDues);
        _host = await KairosHost.OpenAsync(workDirectory, Options, [new RecordTask(recorder)]).ConfigureAwait(false);
        _remainingOneOff = n;
        // Called on the run writer after each commit: the last record committed ends the measurement.
        _host.Engine.RunsCommitted += batch =>
        {
            foreach (var run in batch)
            {
                if (run.Status == RunStatus.Succeeded && run.ScheduledAt == due && --_remainingOneOff == 0)
                {
                    _completion.TrySetResult(TimeProvider.System.GetUtcNow().UtcTicks);
                }
            }
        };
    }

    /// <summary>Copying the template, shifting it and loading every job (W3 measures that load on its own).</summary>
    public TimeSpan SetupLead(int n) => TimeSpan.FromSeconds(1.5 + 7.0 * n / 100_000);

    public async Task StartAsync() => await _host!.Engine.StartAsync().ConfigureAwait(false);

    public async Task StopAsync(ChildResult result, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_host is null)
        {
            return;
        }
        var writer = _host.Engine.Writer;
        await _host.StopAsync().ConfigureAwait(false);
        result.Set("sqlite_memory_peak_mb", SQLitePCL.raw.sqlite3_memory_highwater(0) / 1048576.0);
        result.Set("writer_waits", writer.Waits).Set("writer_batches", writer.Batches).Set("writer_written", writer.Written);
        foreach (var (name, count) in KairosTemplates.CountRuns(workDirectory, windowStart, windowEnd))
        {
            result.Set(name, count);
        }
        result.Note(recordRuns ? "default EngineOptions: every run recorded in SQLite (synchronous=FULL)" : "RecordRuns=false: run history OFF (comparison only, not the default)");
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
