using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>The gateway client's log lines.</summary>
internal static partial class IbkrGatewayLog
{
    [LoggerMessage(EventId = 9201, Level = LogLevel.Debug, Message = "IBKR gateway {Method} {Path} answered HTTP {Status} in {ElapsedMs} ms")]
    public static partial void Answered(this ILogger logger, string method, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Debug, Message = "IBKR gateway error body for {Method} {Path}: {Body}")]
    public static partial void ErrorBody(this ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Warning, Message = "IBKR gateway {Method} {Path} failed: {ErrorType} {Message}")]
    public static partial void CallFailed(this ILogger logger, string method, string path, string errorType, string message);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Warning, Message = "AllowInsecureTls is ignored for the non-loopback gateway host {Host}: its certificate must be valid")]
    public static partial void InsecureTlsIgnored(this ILogger logger, string host);

    [LoggerMessage(EventId = 9205, Level = LogLevel.Warning, Message = "Configured IBKR account {AccountId} is not among the gateway's accounts")]
    public static partial void ConfiguredAccountMissing(this ILogger logger, string accountId);

    [LoggerMessage(EventId = 9206, Level = LogLevel.Debug, Message = "IBKR gateway positions of {AccountId}: page {Page} had {Count} positions")]
    public static partial void PositionsPage(this ILogger logger, string accountId, int page, int count);
}
