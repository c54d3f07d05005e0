using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Gateway;

/// <summary>
/// Task <c>ibkr_keepalive</c>: keeps the gateway session alive (<c>POST /tickle</c>). In gateway mode the plugin
/// declares the job <c>ibkr_keepalive</c> running it every minute. It fails when the gateway is not logged in (so the
/// run history shows it), does nothing in Flex mode (a job left from an earlier gateway setup), and fails with
/// "IBKR is not configured" when no mode is set.
/// </summary>
internal sealed class KeepAliveTask(IbkrSettings settings, IbkrGatewayClient? client) : IScheduledTask
{
    public const string Id = "ibkr_keepalive";

    public string TaskId => Id;

    public string Name => "IBKR gateway keep-alive";

    public string Description => "Keeps the Client Portal gateway session alive (tickle); the plugin runs it every minute in gateway mode";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (settings.Mode == IbkrMode.NotConfigured)
        {
            context.Log(LogLevel.Error, IbkrConfigurationException.NotConfiguredMessage);
            return TaskResult.Failure(IbkrConfigurationException.NotConfiguredMessage, errorType: "ConfigurationError");
        }
        if (settings.Mode != IbkrMode.Gateway || client is null)
        {
            context.Log("Plugins:ibkr:Mode is 'flex': there is no gateway session to keep alive; nothing done.");
            return TaskResult.Success(new KeepAliveResult(true, null, null, null, null));
        }
        try
        {
            var tickle = await client.TickleAsync(cancellationToken).ConfigureAwait(false);
            var status = tickle.AuthStatus;
            if (status is { Authenticated: false })
            {
                var message = $"The IBKR gateway session is alive but not authenticated — log in at the gateway ({settings.Gateway.BaseUrl.GetLeftPart(UriPartial.Authority)}) in a browser.";
                context.Log(LogLevel.Error, message);
                return TaskResult.Failure(message, errorType: "NotAuthenticated");
            }
            var expires = tickle.SsoExpiresIn is { } left ? (long?)left.TotalSeconds : null;
            context.Log($"IBKR gateway session kept alive (connected: {status?.Connected.ToString() ?? "?"}, SSO expires in {expires?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} s)");
            return TaskResult.Success(new KeepAliveResult(false, status?.Connected, status?.Competing, expires, tickle.Collision));
        }
        catch (IbkrException ex)
        {
            context.Log(LogLevel.Error, ex.Message);
            return TaskResult.Failure(ex.Message, errorType: ex.ErrorType);
        }
    }
}

/// <summary>The result of <c>ibkr_keepalive</c>.</summary>
/// <param name="Skipped">True in Flex mode (nothing to keep alive).</param>
/// <param name="Connected">The gateway is connected to IBKR, when it said.</param>
/// <param name="Competing">Another platform holds the brokerage session, when it said.</param>
/// <param name="SsoExpiresInSeconds">Seconds left on the SSO session, when it said.</param>
/// <param name="Collision">The gateway reported a session collision.</param>
internal sealed record KeepAliveResult(bool Skipped, bool? Connected, bool? Competing, long? SsoExpiresInSeconds, bool? Collision);
