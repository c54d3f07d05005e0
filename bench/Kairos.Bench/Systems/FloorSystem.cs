using Kairos.Bench.Measurement;

namespace Kairos.Bench.Systems;

/// <summary>
/// The floor: a bare priority queue on due time and one thread that sleeps until the earliest entry, runs every due
/// body inline and queues its next fire. No library, no records, no dispatch: the machine's limit.
/// </summary>
public sealed class FloorSystem : ISystemUnderTest
{
    private readonly PriorityQueue<int, long> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FireRecorder? _recorder;
    private long _interval;
    private int _remainingOneOff;
    private long _oneOffDue;
    private readonly object _gate = new();
    private Thread? _loop;

    public Task<long> OneOffCompletion => _completion.Task;

    public Task ScheduleRecurringAsync(int n, DateTimeOffset firstDue, bool spread, FireRecorder recorder)
    {
        _recorder = recorder;
        _interval = TimeSpan.TicksPerSecond;
        for (var k = 0; k < n; k++)
        {
            _queue.Enqueue(k, firstDue.UtcTicks + (spread ? TimeSpan.TicksPerSecond * k / n : 0));
        }
        return Task.CompletedTask;
    }

    public Task ScheduleOneOffAsync(int n, DateTimeOffset due, int warmup, IReadOnlyList<DateTimeOffset> warmupDues, FireRecorder recorder)
    {
        _recorder = recorder;
        _interval = 0;
        _remainingOneOff = n;
        _oneOffDue = due.UtcTicks;
        for (var k = 0; k < warmup; k++)
        {
            _queue.Enqueue(n + k, warmupDues[k % warmupDues.Count].UtcTicks);
        }
        for (var k = 0; k < n; k++)
        {
            _queue.Enqueue(k, due.UtcTicks);
        }
        return Task.CompletedTask;
    }

    public Task StartAsync()
    {
        _loop = new Thread(Run) { IsBackground = true, Name = "floor loop" };
        _loop.Start();
        return Task.CompletedTask;
    }

    // A dedicated thread that blocks between fires: .NET's async timers tick on the coarse kernel clock (4 ms here),
    // a monitor wait with a timeout wakes within ~0.1 ms of it (see Kairos's PreciseDelay).
    private void Run()
    {
        var time = TimeProvider.System;
        var recorder = _recorder!;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcTicks;
            while (_queue.TryPeek(out var job, out var due) && due <= now)
            {
                _queue.Dequeue();
                recorder.Record(due);
                if (_interval > 0)
                {
                    _queue.Enqueue(job, due + _interval);
                }
                else if (due == _oneOffDue && --_remainingOneOff == 0)
                {
                    _completion.TrySetResult(time.GetUtcNow().UtcTicks);
                }
            }
            if (!_queue.TryPeek(out _, out var next))
            {
                return;
            }
            var wait = next - time.GetUtcNow().UtcTicks;
            if (wait > 0)
            {
                // Waits are whole milliseconds; rounding up never wakes early and never spins.
                lock (_gate)
                {
                    if (!token.IsCancellationRequested)
                    {
                        Monitor.Wait(_gate, (int)Math.Ceiling(wait / (double)TimeSpan.TicksPerMillisecond));
                    }
                }
            }
        }
    }

    public async Task StopAsync(ChildResult result, DateTimeOffset windowStart, DateTimeOffset windowEnd)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
        _loop?.Join();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
