using Kairos.Bench.Measurement;
using Quartz;

namespace Kairos.Bench.Systems;

/// <summary>
/// Quartz.NET 4 with its in-memory store (RAMJobStore). Default: the default thread pool (10) and one trigger per
/// acquisition. Tuned: a pool of 4 × cores (at least 16) and batches of triggers as large as the pool.
/// </summary>
public sealed class QuartzSystem(bool tuned) : ISystemUnderTest
{
    private static readonly TaskCompletionSource<long> s_completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static FireRecorder? s_recorder;
    private static int s_remainingOneOff = -1;
    private static long s_oneOffDue;
    private IScheduler? _scheduler;

    /// <summary>The thread pool size of the tuned configuration.</summary>
    public static int TunedConcurrency => Math.Max(16, 4 * Environment.ProcessorCount);

    public Task<long> OneOffCompletion => s_completion.Task;

    public async Task ScheduleRecurringAsync(int n, DateTimeOffset firstDue, bool spread, FireRecorder recorder)
    {
        s_recorder = recorder;
        _scheduler = await BuildAsync().ConfigureAwait(false);
        var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(n);
        for (var k = 0; k < n; k++)
        {
            var start = firstDue + (spread ? TimeSpan.FromTicks(TimeSpan.TicksPerSecond * k / n) : TimeSpan.Zero);
            var job = JobBuilder.Create<RecordJob>().WithIdentity("j" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build();
            var trigger = TriggerBuilder.Create(TimeProvider.System)
                .WithIdentity("t" + k.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .StartAt(start)
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(1)).RepeatForever())
                .Build();
            jobs[job] = [trigger];
        }
        await _scheduler.ScheduleJobs(jobs, new ScheduleJobOptions()).ConfigureAwait(false);
    }

    public async Task ScheduleOneOffAsync(int n, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues, FireRecorder recorder)
    {
        s_recorder = recorder;
        s_remainingOneOff = n;
        s_oneOffDue = due.UtcTicks;
        _scheduler = await BuildAsync().ConfigureAwait(false);
        var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>(n + warmup);
        for (var k = 0; k < n + warmup; k++)
        {
            var job = JobBuilder.Create<RecordJob>().WithIdentity("j" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build();
            var trigger = TriggerBuilder.Create(TimeProvider.System)
                .WithIdentity("t" + k.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .StartAt(k < n ? due : warmupDues[(k - n) % warmupDues.Count])
                .Build();
            jobs[job] = [trigger];
        }
        await _scheduler.ScheduleJobs(jobs, new ScheduleJobOptions()).ConfigureAwait(false);
    }

    private async Task<IScheduler> BuildAsync() =>
        await QuartzSchedulerBuilder.Create(q =>
        {
            q.UseInMemoryStore(_ => { });
            q.UseTimeProvider(TimeProvider.System);
            if (tuned)
            {
                q.UseDefaultThreadPool(TunedConcurrency);
                q.ConfigureScheduler(options => options.MaxBatchSize = TunedConcurrency);
            }
        }).BuildScheduler().ConfigureAwait(false);

    public async Task StartAsync() => await _scheduler!.Start().ConfigureAwait(false);

    public async Task StopAsync(ChildResult result, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(false).ConfigureAwait(false);
        }
        result.Note(tuned ? $"thread pool {TunedConcurrency}, trigger batches of {TunedConcurrency}" : "defaults: thread pool 10, one trigger per acquisition");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The job body.</summary>
    public sealed class RecordJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(context);
            var scheduled = (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcTicks;
            s_recorder!.Record(scheduled);
            if (scheduled == s_oneOffDue && Interlocked.Decrement(ref s_remainingOneOff) == 0)
            {
                s_completion.TrySetResult(TimeProvider.System.GetUtcNow().UtcTicks);
            }
            return ValueTask.CompletedTask;
        }
    }
}
