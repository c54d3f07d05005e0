namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>Where the syncs read IBKR holdings from: the gateway, a Flex statement, or nothing (not configured).</summary>
internal interface IHoldingsSource
{
    /// <summary><c>gateway</c> or <c>flex</c> (as in the events); <c>none</c> when not configured.</summary>
    string Mode { get; }

    /// <summary>Every account with its cash (and, when the source gives both at once, its positions).</summary>
    /// <exception cref="IbkrException">Configuration, session, pacing, service or parse failure.</exception>
    Task<IReadOnlyList<AccountSnapshot>> ReadBalancesAsync(CancellationToken cancellationToken);

    /// <summary>Every account with its positions (and, when the source gives both at once, its cash).</summary>
    /// <exception cref="IbkrException">Configuration, session, pacing, service or parse failure.</exception>
    Task<IReadOnlyList<AccountSnapshot>> ReadPositionsAsync(CancellationToken cancellationToken);
}

/// <summary>The source while <c>Plugins:ibkr:Mode</c> is unset: every read fails with <see cref="IbkrConfigurationException.NotConfiguredMessage"/>.</summary>
internal sealed class NotConfiguredSource : IHoldingsSource
{
    public string Mode => "none";

    public Task<IReadOnlyList<AccountSnapshot>> ReadBalancesAsync(CancellationToken cancellationToken) =>
        throw new IbkrConfigurationException(IbkrConfigurationException.NotConfiguredMessage);

    public Task<IReadOnlyList<AccountSnapshot>> ReadPositionsAsync(CancellationToken cancellationToken) =>
        throw new IbkrConfigurationException(IbkrConfigurationException.NotConfiguredMessage);
}
