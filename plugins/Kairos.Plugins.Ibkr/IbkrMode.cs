namespace Kairos.Plugins.Ibkr;

/// <summary>Where the plugin reads IBKR data from (setting <c>Plugins:ibkr:Mode</c>).</summary>
public enum IbkrMode
{
    /// <summary>The setting is unset: every task fails with "IBKR is not configured" and no keep-alive job is declared.</summary>
    NotConfigured,

    /// <summary><c>gateway</c>: the user's local Client Portal gateway (live data; needs a browser login and a keep-alive).</summary>
    Gateway,

    /// <summary><c>flex</c>: the Flex Web Service (end-of-day statement; needs a token and a query id, no gateway).</summary>
    Flex,
}
