using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Flex;

/// <summary>The Flex client's log lines; URLs are logged with the token replaced by <c>***</c>.</summary>
internal static partial class IbkrFlexLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Debug, Message = "Flex {Step} {Url} answered HTTP {Status} in {ElapsedMs} ms")]
    public static partial void Answered(this ILogger logger, string step, string url, int status, long elapsedMs);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "Flex statement not ready ({Code}); polling again in {Delay} (attempt {Attempt})")]
    public static partial void NotReady(this ILogger logger, int code, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Information, Message = "Flex statement received: {Accounts} account(s) after {Polls} GetStatement call(s)")]
    public static partial void Received(this ILogger logger, int accounts, int polls);

    [LoggerMessage(EventId = 9304, Level = LogLevel.Warning, Message = "Flex SendRequest named a statement URL outside https://*.interactivebrokers.com ({Host}); using {Fallback} instead")]
    public static partial void UntrustedStatementUrl(this ILogger logger, string host, string fallback);

    [LoggerMessage(EventId = 9305, Level = LogLevel.Warning, Message = "Flex reference code rejected (1017); requesting the statement again")]
    public static partial void RestartingRequest(this ILogger logger);

    [LoggerMessage(EventId = 9306, Level = LogLevel.Warning, Message = "Flex {Step} failed: {ErrorType} {Code} {Message}")]
    public static partial void Failed(this ILogger logger, string step, string errorType, int? code, string message);
}
