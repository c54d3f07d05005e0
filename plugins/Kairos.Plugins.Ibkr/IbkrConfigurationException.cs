namespace Kairos.Plugins.Ibkr;

/// <summary>
/// The plugin's settings do not allow the work: no mode, Flex without token or query id, accounts that match none
/// of <c>Plugins:ibkr:AccountIds</c>. Retrying does not help until the settings change.
/// </summary>
public sealed class IbkrConfigurationException : IbkrException
{
    /// <summary>The message of every task while <c>Plugins:ibkr:Mode</c> is unset.</summary>
    public const string NotConfiguredMessage =
        "IBKR is not configured: set Plugins:ibkr:Mode to 'gateway' (the Client Portal gateway, with Plugins:ibkr:BaseUrl) " +
        "or 'flex' (the Flex Web Service, with Plugins:ibkr:FlexToken and Plugins:ibkr:FlexQueryId), then reload the plugin.";

    /// <summary>Creates the exception.</summary>
    public IbkrConfigurationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc />
    public override string ErrorType => "ConfigurationError";

    /// <inheritdoc />
    public override bool IsRetryable => false;
}
