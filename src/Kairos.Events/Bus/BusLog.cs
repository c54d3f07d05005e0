using Microsoft.Extensions.Logging;

namespace Kairos.Events.Bus;

/// <summary>The bus's log messages, generated so the hot paths do not format strings that are not written.</summary>
internal static partial class BusLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Event bus started after sequence {Sequence}")]
    public static partial void Started(this ILogger logger, long sequence);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Event bus stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Writing {Count} events to the event log failed; their publishers got the error")]
    public static partial void AppendFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Subscriber {Name} threw on event {EventType} {EventId} (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}")]
    public static partial void HandlerRetrying(this ILogger logger, Exception exception, string name, string eventType, string eventId, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Subscriber {Name} gave up on event {EventType} {EventId} after {Attempts} attempts")]
    public static partial void HandlerGaveUp(this ILogger logger, Exception exception, string name, string eventType, string eventId, int attempts);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Subscriber {Name} fell behind (queue of {Capacity} full); it catches up from the event log")]
    public static partial void SubscriberLagging(this ILogger logger, string name, int capacity);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Reading the event log to catch up subscriber {Name} failed; retrying")]
    public static partial void CatchUpReadFailed(this ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Critical, Message = "The loop of subscriber {Name} failed; it receives no more events")]
    public static partial void SubscriberLoopFailed(this ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Critical, Message = "The event bus writer loop failed")]
    public static partial void WriterFailed(this ILogger logger, Exception exception);
}
