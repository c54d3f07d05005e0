using Kairos.Bench.Measurement;

namespace Kairos.Bench.Systems;

/// <summary>
/// One scheduler configuration as the scenarios drive it: schedule the jobs (every job body calls
/// <see cref="FireRecorder.Record"/> with its scheduled time), start firing, stop and add what only it knows.
/// </summary>
public interface ISystemUnderTest : IAsyncDisposable
{
    /// <summary>
    /// N jobs firing every second; job k first at <paramref name="firstDue"/>, plus k/N s when
    /// <paramref name="spread"/> (else all N share the whole-second grid).
    /// </summary>
    Task ScheduleRecurringAsync(int n, DateTimeOffset firstDue, bool spread, FireRecorder recorder);

    /// <summary>
    /// N one-off jobs all due at <paramref name="due"/>, plus <paramref name="warmup"/> one-off jobs spread over the
    /// earlier instants <paramref name="warmupDues"/> (warm-up job k at <c>warmupDues[k % count]</c>), so the firing
    /// path is compiled and optimised before the measured burst.
    /// </summary>
    Task ScheduleOneOffAsync(int n, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues, FireRecorder recorder);

    /// <summary>Setup time to grant before the first fire for <paramref name="n"/> jobs (Kairos loads its jobs from SQLite).</summary>
    TimeSpan SetupLead(int n) => TimeSpan.FromSeconds(1 + 3.0 * n / 100_000);

    /// <summary>Starts firing.</summary>
    Task StartAsync();

    /// <summary>
    /// Completes when the last of N one-off runs is done as this system defines it (Kairos: its record committed;
    /// peers, which keep no record: the body ran). The value is the UTC ticks of that moment.
    /// </summary>
    Task<long> OneOffCompletion { get; }

    /// <summary>Stops firing and adds this system's own figures (Kairos counts the run records in its database).</summary>
    Task StopAsync(Measurement.ChildResult result, DateTimeOffset windowStart, DateTimeOffset windowEnd);
}
