using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Client;

/// <summary>The client's log lines. None of them carries a key, secret, passphrase or signature.</summary>
internal static partial class OkxClientLog
{
    [LoggerMessage(EventId = 9101, Level = LogLevel.Debug, Message = "OKX {Method} {Path} answered HTTP {Status} code {Code} in {ElapsedMs} ms")]
    public static partial void Answered(this ILogger logger, string method, string path, int status, string? code, long elapsedMs);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "OKX clock offset measured: {OffsetMs} ms (server time {ServerTime:O}, round trip {RoundTripMs} ms)")]
    public static partial void ClockMeasured(this ILogger logger, long offsetMs, DateTimeOffset serverTime, long roundTripMs);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning, Message = "OKX asked to slow down ({Code}) on {Method} {Path}; retry {Retry} of {MaxRetries} in {Delay}")]
    public static partial void BackingOff(this ILogger logger, string? code, string method, string path, int retry, int maxRetries, TimeSpan delay);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Warning, Message = "OKX rejected the request timestamp (50102) on {Method} {Path}; measuring the clock offset again")]
    public static partial void TimestampRejected(this ILogger logger, string method, string path);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Warning, Message = "OKX {Method} {Path} failed: {ErrorType} {Code} {Message}")]
    public static partial void CallFailed(this ILogger logger, string method, string path, string errorType, string? code, string message);
}
