using Kairos.Plugins.Ibkr.Gateway;
using Kairos.Plugins.Ibkr.Gateway.Models;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// Reads through the Client Portal gateway: the session first (auth status), then the accounts (which IBKR requires
/// before any other portfolio call), then per account the summary and ledger (balances) or every page of positions.
/// Everything is read before anything is written, so a failure part-way writes nothing.
/// </summary>
internal sealed class GatewayHoldingsSource(IbkrGatewayClient client, IbkrSettings settings, TimeProvider time) : IHoldingsSource
{
    public string Mode => "gateway";

    public async Task<IReadOnlyList<AccountSnapshot>> ReadBalancesAsync(CancellationToken cancellationToken)
    {
        var accounts = await AccountsAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new List<AccountSnapshot>(accounts.Count);
        foreach (var account in accounts)
        {
            var summary = await client.GetSummaryAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
            var ledger = await client.GetLedgerAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
            snapshots.Add(GatewayMapping.Balances(account, summary, ledger, time.GetUtcNow()));
        }
        return snapshots;
    }

    public async Task<IReadOnlyList<AccountSnapshot>> ReadPositionsAsync(CancellationToken cancellationToken)
    {
        var accounts = await AccountsAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new List<AccountSnapshot>(accounts.Count);
        foreach (var account in accounts)
        {
            var positions = await client.GetPositionsAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
            snapshots.Add(GatewayMapping.Positions(account, positions));
        }
        return snapshots;
    }

    private async Task<IReadOnlyList<IbkrAccount>> AccountsAsync(CancellationToken cancellationToken)
    {
        await client.EnsureAuthenticatedAsync(cancellationToken).ConfigureAwait(false);
        var accounts = await client.GetAccountsAsync(cancellationToken).ConfigureAwait(false);
        if (accounts.Count > 0)
        {
            return accounts;
        }
        throw settings.AccountIds.Count > 0
            ? new IbkrConfigurationException($"None of the accounts in Plugins:ibkr:AccountIds ({string.Join(", ", settings.AccountIds)}) is among the IBKR gateway's accounts: check the setting.")
            : new IbkrGatewayException("The IBKR gateway lists no accounts for the logged-in user.", isRetryable: false);
    }
}
