using Kairos.Plugins.Ibkr.Flex;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// Reads an Activity Flex statement (request, poll while it is generated, parse). One statement holds the cash and
/// the positions of the same moment, so both reads return both parts and either sync writes the whole account.
/// </summary>
internal sealed class FlexHoldingsSource(IbkrFlexClient client, IbkrSettings settings, TimeProvider time) : IHoldingsSource
{
    public string Mode => "flex";

    public Task<IReadOnlyList<AccountSnapshot>> ReadBalancesAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    public Task<IReadOnlyList<AccountSnapshot>> ReadPositionsAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    private async Task<IReadOnlyList<AccountSnapshot>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!settings.Flex.IsConfigured)
        {
            throw new IbkrConfigurationException(
                "IBKR is not configured for Flex: set Plugins:ibkr:FlexToken (the Flex Web Service token) and Plugins:ibkr:FlexQueryId (the Activity Flex Query's id).");
        }
        var result = await client.FetchStatementAsync(cancellationToken).ConfigureAwait(false);
        var statements = result.Statements
            .Where(s => settings.AccountIds.Count == 0 || settings.AccountIds.Contains(s.AccountId, StringComparer.Ordinal))
            .ToList();
        if (statements.Count == 0)
        {
            throw result.Statements.Count == 0
                ? new IbkrFlexException("The Flex statement holds no account: check the Flex query's accounts and period.", FlexErrorKind.NotAvailable)
                : new IbkrConfigurationException(
                    $"None of the accounts in Plugins:ibkr:AccountIds ({string.Join(", ", settings.AccountIds)}) is in the Flex statement ({string.Join(", ", result.Statements.Select(s => s.AccountId))}).");
        }
        var now = time.GetUtcNow();
        return statements.Select(s => FlexMapping.Account(s, now)).ToList();
    }
}
