using System.Threading.Channels;
using Kairos.Conditions.Expressions;
using Kairos.Engine.Jobs;
using Kairos.Engine.Runs;
using Kairos.Events;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Events;
using Kairos.Storage.Jobs;
using Kairos.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Engine.Firing;

/// <summary>
/// Runs an event-triggered job once per matching event. Matching events queue per job (bounded; an overflow is
/// recorded as a skipped run), so max_instances delays them rather than losing them. A run is not started when
/// the event's chain is already at Events:MaxChainDepth (the cut is recorded), which stops a job triggered by
/// the event it publishes from looping.
/// </summary>
internal sealed partial class EventTrigger : IAsyncDisposable
{
    private readonly string _jobId;
    private readonly JobIndex _index;
    private readonly RunExecutor _executor;
    private readonly RunWriter _writer;
    private readonly IRunStore _runs;
    private readonly ITradingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<KairosEvent> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _pump;

    public EventTrigger(string jobId, string eventType, JobIndex index, EventBus bus, RunExecutor executor, RunWriter writer,
        IRunStore runs, ITradingCalendar calendar, TimeProvider time, EngineOptions options, ILogger logger)
    {
        _jobId = jobId;
        EventType = eventType;
        _index = index;
        _executor = executor;
        _writer = writer;
        _runs = runs;
        _calendar = calendar;
        _time = time;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<KairosEvent>(new BoundedChannelOptions(options.EventQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _subscription = bus.Subscribe(eventType, OnEventAsync, new SubscriptionOptions { Name = "job:" + jobId, MaxAttempts = 1 });
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    public string EventType { get; }

    private async Task OnEventAsync(KairosEvent evt, CancellationToken cancellationToken)
    {
        if (!_index.TryGet(_jobId, out var job) || job.Record.State != JobState.Scheduled)
        {
            return; // paused (or waiting): events are not runs while paused
        }
        if (job.EventFilter is { } filter && !await MatchesAsync(job, filter, evt).ConfigureAwait(false))
        {
            return;
        }
        if (evt.Depth + 1 > _options.MaxChainDepth)
        {
            await RecordSkippedAsync(job, evt, $"event chain depth {evt.Depth + 1} exceeds Events:MaxChainDepth {_options.MaxChainDepth} (a job triggered by events it causes?)").ConfigureAwait(false);
            return;
        }
        if (!_queue.Writer.TryWrite(evt))
        {
            await RecordSkippedAsync(job, evt, $"event queue full ({_options.EventQueueCapacity} events waiting)").ConfigureAwait(false);
        }
    }

    private async Task<bool> MatchesAsync(ScheduledJob job, ConditionExpression filter, KairosEvent evt)
    {
        try
        {
            var statuses = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var jobId in filter.ReferencedJobIds)
            {
                var status = await _runs.GetLastStatusAsync(jobId).ConfigureAwait(false);
                statuses[jobId] = status is null ? null : RunStatusNames.ToName(status.Value);
            }
            return filter.Evaluate(new ConditionScope
            {
                Now = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), job.Schedule.TimeZone),
                Config = job.Config,
                LastStatuses = statuses,
                Calendar = _calendar,
                Event = new EventScope(evt.Type, evt.Source, evt.Subject, evt.Data),
            });
        }
        catch (Exception ex) when (ex is ConditionEvaluationException or TradingCalendarException)
        {
            LogFilterFailed(ex, _jobId, evt.Id);
            return false;
        }
    }

    private ValueTask RecordSkippedAsync(ScheduledJob job, KairosEvent evt, string reason) =>
        _writer.WriteAsync(_executor.Terminal(RunIds.New(_time), job, job.Record.TaskId, RunTrigger.Event, _time.GetUtcNow(), RunStatus.Skipped, reason, evt.Id), job.LastRun);

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var evt in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                ScheduledJob? job;
                while (true)
                {
                    if (!_index.TryGet(_jobId, out job))
                    {
                        break;
                    }
                    var freed = job.InstanceFreed;
                    if (job.TryEnter())
                    {
                        break;
                    }
                    await freed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                if (job is null)
                {
                    continue;
                }
                _executor.SubmitWithSlot(new RunRequest
                {
                    RunId = RunIds.New(_time),
                    Job = job,
                    TaskId = job.Record.TaskId,
                    Trigger = RunTrigger.Event,
                    ScheduledAt = _time.GetUtcNow(),
                    TriggerEvent = evt,
                    TimeZone = job.Schedule.TimeZone,
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event filter of job {JobId} failed on event {EventId}; the event does not trigger it")]
    private partial void LogFilterFailed(Exception ex, string jobId, string eventId);
}
