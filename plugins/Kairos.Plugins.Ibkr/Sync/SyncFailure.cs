using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>How a failed IBKR run is reported: the exception's message (never a secret) and its error type.</summary>
internal static class SyncFailure
{
    /// <summary>A failed result for an IBKR failure (<c>ConfigurationError</c>, <c>NotAuthenticated</c>, <c>RateLimited</c>, <c>CredentialsError</c>, …).</summary>
    public static TaskResult From(TaskContext context, IbkrException error)
    {
        context.Log(LogLevel.Error, error.Message);
        return TaskResult.Failure(error.Message, new { error.IsRetryable }, error.ErrorType);
    }

    /// <summary>A failed result for data the portfolio refused (nothing of that account was written).</summary>
    public static TaskResult InvalidData(TaskContext context, ArgumentException error)
    {
        var message = $"The portfolio refused IBKR data: {error.Message}";
        context.Log(LogLevel.Error, message);
        return TaskResult.Failure(message, errorType: "InvalidData");
    }
}
