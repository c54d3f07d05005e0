using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Sync;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Balances;

/// <summary>
/// Task <c>wise_balance_sync</c>: the standard balance of every currency of each profile becomes the balances of the
/// portfolio account <c>wise/&lt;profileId&gt;</c> (replaced as a whole, with the day's snapshot; a currency no longer
/// reported disappears), then <c>wise.balances.synced</c> is published. A profile whose balances cannot be read keeps
/// what is stored; the others are still written and the run fails naming it.
/// </summary>
internal sealed class BalanceSyncTask(WiseSource source, IPortfolioStore portfolio) : IScheduledTask
{
    public const string Id = "wise_balance_sync";

    public const string SyncedEvent = "wise.balances.synced";

    public string TaskId => Id;

    public string Name => "Wise balance sync";

    public string Description => "Reads the balance of every currency of each Wise profile into the portfolio (source 'wise'), publishes wise.balances.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!source.HasToken)
        {
            return TaskResult.Failure(WiseFailures.MissingToken, errorType: WiseFailures.Configuration);
        }
        var client = source.CreateClient();
        IReadOnlyList<WiseProfile> profiles;
        try
        {
            profiles = await ProfileReader.ReadAsync(client, source.Settings.Client, cancellationToken).ConfigureAwait(false);
        }
        catch (WiseException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: WiseFailures.TypeOf(ex));
        }

        var synced = new List<SyncedProfile>();
        var failed = new List<FailedItem>();
        foreach (var profile in profiles)
        {
            IReadOnlyList<WiseBalance> balances;
            try
            {
                balances = await client.GetBalancesAsync(profile.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (WiseException ex) when (!WiseFailures.StopsTheRun(ex))
            {
                failed.Add(new FailedItem($"profile {profile.Id}", WiseFailures.TypeOf(ex), ex.Message));
                context.Log(LogLevel.Warning, $"profile {profile.Id}: {ex.Message}");
                continue;
            }
            catch (WiseException ex)
            {
                return TaskResult.Failure(ex.Message, errorType: WiseFailures.TypeOf(ex));
            }
            synced.Add(await WriteAsync(profile, balances, context, cancellationToken).ConfigureAwait(false));
        }

        var summary = new BalanceSyncSummary(synced, failed);
        if (synced.Count > 0)
        {
            await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            var errorType = failed.Select(f => f.ErrorType).Distinct().Count() == 1 ? failed[0].ErrorType : WiseFailures.Partial;
            return TaskResult.Failure($"{failed.Count} of {profiles.Count} Wise profile(s) could not be synced; their stored balances are unchanged. "
                + string.Join(" ", failed.Select(f => $"{f.Item}: {f.Message}")), summary, errorType);
        }
        return TaskResult.Success(summary);
    }

    private async Task<SyncedProfile> WriteAsync(WiseProfile profile, IReadOnlyList<WiseBalance> balances, TaskContext context, CancellationToken cancellationToken)
    {
        var entries = new List<BalanceEntry>();
        var written = new List<SyncedBalance>();
        foreach (var balance in balances.Where(b => b.Type == "STANDARD"))
        {
            if (Codes.TryCurrency(balance.Currency) is not { } currency)
            {
                context.Log(LogLevel.Warning, $"profile {profile.Id}: balance {balance.Id} has the currency '{balance.Currency}', which is not a currency code; skipped");
                continue;
            }
            // cashAmount is the ledger balance (available + reserved); amount is what can be spent now.
            var total = (balance.CashAmount ?? balance.Amount).Value;
            entries.Add(new BalanceEntry(currency, total) { Available = balance.Amount.Value, Frozen = balance.ReservedAmount?.Value, AssetClass = "cash" });
            written.Add(new SyncedBalance(currency, total, balance.Amount.Value, balance.ReservedAmount?.Value, balance.Id));
        }

        var accountId = ProfileReader.AccountId(profile.Id);
        await ProfileReader.NameAccountAsync(portfolio, profile, cancellationToken).ConfigureAwait(false);
        var now = source.Time.GetUtcNow();
        var result = await portfolio.ReplaceAccountHoldingsAsync(WiseSource.Source, accountId, entries, [], now, cancellationToken).ConfigureAwait(false);
        context.Log($"profile {profile.Id}: {entries.Count} balance(s) written to portfolio {WiseSource.Source}/{accountId} "
            + $"(+{result.Added} ~{result.Updated} -{result.Removed} ={result.Unchanged}){(result.Applied ? "" : ": skipped, " + result.SkippedReason)}");
        return new SyncedProfile(accountId, profile.FullName.Length == 0 ? null : profile.FullName, profile.Type.Length == 0 ? null : profile.Type,
            written, result.Added, result.Updated, result.Removed, result.Unchanged, result.Applied, now);
    }
}

/// <summary>One balance as written (exact amounts).</summary>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Total">Cash ledger balance (available + reserved).</param>
/// <param name="Available">Available to spend.</param>
/// <param name="Reserved">Held for pending transactions, when Wise says.</param>
/// <param name="BalanceId">Wise's balance id.</param>
internal sealed record SyncedBalance(string Currency, decimal Total, decimal Available, decimal? Reserved, long BalanceId);

/// <summary>A profile whose balances were written.</summary>
internal sealed record SyncedProfile(string ProfileId, string? Name, string? Type, IReadOnlyList<SyncedBalance> Balances,
    int Added, int Updated, int Removed, int Unchanged, bool Applied, DateTimeOffset SyncedAt);

/// <summary>The data of <c>wise.balances.synced</c> and of the run's result.</summary>
internal sealed record BalanceSyncSummary(IReadOnlyList<SyncedProfile> Profiles, IReadOnlyList<FailedItem> Failed);
