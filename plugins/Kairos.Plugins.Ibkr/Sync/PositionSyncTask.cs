using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Ibkr.Sync;

/// <summary>
/// Task <c>ibkr_position_sync</c>: reads every account's open positions (gateway: auth status, accounts, every page
/// of positions until an empty one; Flex: the statement) and makes them the account's positions in the portfolio
/// (source <c>ibkr</c>; a closed position disappears), keeping its balances as stored (Flex: writing the statement's
/// cash too), and publishes <c>ibkr.positions.synced</c>. In gateway mode the plugin's job <c>ibkr_position_sync</c>
/// runs it after every <c>ibkr.balances.synced</c>.
/// </summary>
internal sealed class PositionSyncTask(IHoldingsSource source, HoldingsWriter writer, TimeProvider time) : IScheduledTask
{
    public const string Id = "ibkr_position_sync";

    public string TaskId => Id;

    public string Name => "IBKR position sync";

    public string Description => "Syncs Interactive Brokers open positions per account into the portfolio (gateway or Flex), publishes ibkr.positions.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var snapshots = await source.ReadPositionsAsync(cancellationToken).ConfigureAwait(false);
            var accounts = new List<AccountPositionsSynced>(snapshots.Count);
            foreach (var snapshot in snapshots)
            {
                foreach (var note in snapshot.Notes)
                {
                    context.Log(LogLevel.Warning, note);
                }
                var written = await writer.WriteAsync(snapshot, cancellationToken).ConfigureAwait(false);
                var positions = snapshot.Positions ?? [];
                var value = positions.Where(p => p.MarketValue is not null).GroupBy(p => p.Currency, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new CurrencyAmount(g.Key, g.Sum(p => p.MarketValue!.Value)))
                    .ToList();
                var changes = written.Positions;
                accounts.Add(new AccountPositionsSynced(snapshot.AccountId, positions.Count, value,
                    written.Applied, changes.Added, changes.Updated, changes.Removed, changes.Unchanged));
                context.Log(written.Applied
                    ? $"{snapshot.AccountId}: {positions.Count} position(s) (+{changes.Added} ~{changes.Updated} -{changes.Removed})"
                    : $"{snapshot.AccountId}: not written, {written.SkippedReason}");
            }
            var data = new PositionsSynced(source.Mode, time.GetUtcNow(), accounts);
            await context.Events.PublishAsync(SyncEvents.PositionsSynced, data, null, cancellationToken).ConfigureAwait(false);
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
