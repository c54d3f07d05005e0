using Coravel;
using Coravel.Scheduling.Schedule;
using Coravel.Scheduling.Schedule.Interfaces;
using Kairos.Bench.Measurement;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Bench.Systems;

/// <summary>
/// Coravel 6: tasks are checked once per second and every due task of a tick is run. Coravel's own host ticks on a
/// one-second timer started at an arbitrary phase; here the same <see cref="Scheduler.RunAtAsync"/> is called at each
/// whole second (catching up like Coravel's host when a tick overruns), so a lag counts from the due second.
/// Coravel cannot place a job at a sub-second offset, and its finest interval is one second.
/// </summary>
public sealed class CoravelSystem : ISystemUnderTest
{
    private static long s_currentDue;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServiceProvider? _services;
    private Scheduler? _scheduler;
    private DateTimeOffset _firstTick;
    private Task? _loop;
    private int _remainingOneOff = -1;
    // Tasks to add right after the tick before the given one has run (Once() tasks run at the next tick).
    private readonly Dictionary<DateTimeOffset, Action> _beforeTick = [];

    public Task<long> OneOffCompletion => _completion.Task;

    public Task ScheduleRecurringAsync(int n, DateTimeOffset firstDue, bool spread, FireRecorder recorder)
    {
        if (spread)
        {
            throw new NotSupportedException("Coravel cannot offset a task within the second.");
        }
        _scheduler = Build();
        for (var k = 0; k < n; k++)
        {
            _scheduler.Schedule(() => recorder.Record(Volatile.Read(ref s_currentDue))).EverySecond();
        }
        _firstTick = firstDue;
        return Task.CompletedTask;
    }

    /// <remarks>
    /// Coravel's one-off task (<c>EverySecond().Once()</c>) runs at the next tick, so the N measured tasks are added
    /// right after the tick before <paramref name="due"/> has run, ahead of the tick at <paramref name="due"/>.
    /// </remarks>
    public Task ScheduleOneOffAsync(int n, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues, FireRecorder recorder)
    {
        _scheduler = Build();
        _remainingOneOff = n;
        for (var i = 0; i < warmupDues.Count; i++)
        {
            var count = warmup / warmupDues.Count + (i < warmup % warmupDues.Count ? 1 : 0);
            _beforeTick[warmupDues[i]] = () =>
            {
                for (var k = 0; k < count; k++)
                {
                    _scheduler.Schedule(() => recorder.Record(Volatile.Read(ref s_currentDue))).EverySecond().Once();
                }
            };
        }
        _beforeTick[due] = () =>
        {
            for (var k = 0; k < n; k++)
            {
                _scheduler.Schedule(() =>
                {
                    recorder.Record(Volatile.Read(ref s_currentDue));
                    if (Interlocked.Decrement(ref _remainingOneOff) == 0)
                    {
                        _completion.TrySetResult(TimeProvider.System.GetUtcNow().UtcTicks);
                    }
                }).EverySecond().Once();
            }
        };
        _firstTick = warmup > 0 ? warmupDues.Min() : due;
        // The first tick's tasks are added now; the others once the tick before theirs has run.
        if (_beforeTick.Remove(_firstTick, out var first))
        {
            first();
        }
        return Task.CompletedTask;
    }

    private Scheduler Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScheduler();
        _services = services.BuildServiceProvider();
        return (Scheduler)_services.GetRequiredService<IScheduler>();
    }

    public Task StartAsync()
    {
        _loop = Task.Run(() => TickAsync(_stop.Token));
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var tick = _firstTick;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = tick - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            Volatile.Write(ref s_currentDue, tick.UtcTicks);
            await _scheduler!.RunAtAsync(tick.UtcDateTime).ConfigureAwait(false);
            tick += TimeSpan.FromSeconds(1);
            if (_beforeTick.Remove(tick, out var add))
            {
                add();
            }
        }
    }

    public async Task StopAsync(ChildResult result, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(result);
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        result.Note("ticks driven at each whole second through Scheduler.RunAtAsync (Coravel's host timer has an arbitrary phase)");
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }
}
