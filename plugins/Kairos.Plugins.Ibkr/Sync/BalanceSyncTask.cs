using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// Task <c>ibkr_balance_sync</c>: reads every account's cash per currency (gateway: auth status, accounts, summary,
/// ledger; Flex: the statement) and makes it the account's balances in the portfolio (source <c>ibkr</c>), keeping
/// its positions as stored (Flex: writing the statement's positions too), records the reported exchange rates, and
/// publishes <c>ibkr.balances.synced</c>. The host's default job <c>default_ibkr_balance_sync</c> runs it daily at 17:00.
/// </summary>
internal sealed class BalanceSyncTask(IHoldingsSource source, HoldingsWriter writer, TimeProvider time) : IScheduledTask
{
    public const string Id = "ibkr_balance_sync";

    public string TaskId => Id;

    public string Name => "IBKR balance sync";

    public string Description => "Syncs Interactive Brokers cash balances per account and currency into the portfolio (gateway or Flex), publishes ibkr.balances.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var snapshots = await source.ReadBalancesAsync(cancellationToken).ConfigureAwait(false);
            var accounts = new List<AccountBalancesSynced>(snapshots.Count);
            foreach (var snapshot in snapshots)
            {
                foreach (var note in snapshot.Notes)
                {
                    context.Log(LogLevel.Warning, note);
                }
                var written = await writer.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                var cash = snapshot.Cash ?? [];
                var changes = written.Balances;
                accounts.Add(new AccountBalancesSynced(snapshot.AccountId, snapshot.Currency, snapshot.NetLiquidation, snapshot.TotalCash, cash,
                    written.Applied, changes.Added, changes.Updated, changes.Removed, changes.Unchanged));
                context.Log(written.Applied
                    ? $"{snapshot.AccountId}: {cash.Count} cash balance(s) {string.Join(", ", cash.Select(c => $"{c.Currency} {c.Total}"))} (+{changes.Added} ~{changes.Updated} -{changes.Removed})"
                    : $"{snapshot.AccountId}: not written, {written.SkippedReason}");
            }
            var rates = await writer.WriteRatesAsync(snapshots.SelectMany(s => s.Rates), cancellationToken).ConfigureAwait(false);
            var data = new BalancesSynced(source.Mode, time.GetUtcNow(), accounts, rates);
            await context.Events.PublishAsync(SyncEvents.BalancesSynced, data, null, cancellationToken).ConfigureAwait(false);
            return TaskResult.Success(data);
        }
        catch (IbkrException ex)
        {
            return SyncFailure.From(context, ex);
        }
        catch (ArgumentException ex)
        {
            return SyncFailure.InvalidData(context, ex);
        }
    }
}
