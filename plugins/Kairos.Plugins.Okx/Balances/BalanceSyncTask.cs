using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Client.Models;
using Kairos.Plugins.Okx.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Balances;

/// <summary>
/// Task <c>okx_balance_sync</c>: the trading account's balance (each currency's equity, with OKX's USD value) and the
/// funding account's balances become the balances of the portfolio accounts <c>okx/trading</c> and <c>okx/funding</c>
/// (each replaced as a whole, with the day's snapshot; an asset no longer held disappears). An account that cannot be
/// read keeps what is stored. Credentials and clock errors stop the run at once (never retried in a loop).
/// Publishes <c>okx.balances.synced</c>.
/// </summary>
internal sealed class BalanceSyncTask(OkxSource source, IPortfolioStore portfolio) : IScheduledTask
{
    public const string Id = "okx_balance_sync";

    public const string SyncedEvent = "okx.balances.synced";

    public string TaskId => Id;

    public string Name => "OKX balance sync";

    public string Description => "Reads the OKX trading and funding balances into the portfolio (source 'okx', accounts 'trading' and 'funding'), publishes okx.balances.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!source.Settings.HasCredentials)
        {
            return TaskResult.Failure(OkxSource.MissingCredentials, errorType: OkxSource.ConfigurationError);
        }
        var client = source.CreateClient();
        var accounts = new List<SyncedAccount>();
        var failed = new List<FailedItem>();
        try
        {
            var trading = await client.GetTradingBalanceAsync(null, cancellationToken).ConfigureAwait(false);
            accounts.Add(await WriteAsync(OkxSource.TradingAccount, "OKX trading account", Trading(trading), trading.TotalEquityUsd, context, cancellationToken).ConfigureAwait(false));
        }
        catch (OkxException ex) when (ex is not (OkxCredentialsException or OkxClockException))
        {
            failed.Add(Failed(OkxSource.TradingAccount, ex, context));
        }
        catch (OkxException ex)
        {
            return TaskResult.Failure(ex.Message, errorType: ex.ErrorType);
        }
        try
        {
            var funding = await client.GetFundingBalancesAsync(null, cancellationToken).ConfigureAwait(false);
            accounts.Add(await WriteAsync(OkxSource.FundingAccount, "OKX funding account", Funding(funding), null, context, cancellationToken).ConfigureAwait(false));
        }
        catch (OkxException ex) when (ex is not (OkxCredentialsException or OkxClockException))
        {
            failed.Add(Failed(OkxSource.FundingAccount, ex, context));
        }
        catch (OkxException ex)
        {
            return TaskResult.Failure(ex.Message, new BalanceSyncSummary(accounts, failed), ex.ErrorType);
        }

        var summary = new BalanceSyncSummary(accounts, failed);
        if (accounts.Count > 0)
        {
            await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            var errorType = failed.Select(f => f.ErrorType).Distinct().Count() == 1 ? failed[0].ErrorType : OkxSource.PartialFailure;
            return TaskResult.Failure("OKX balance sync incomplete; the failed account keeps its stored balances. "
                + string.Join(" ", failed.Select(f => $"{f.Item}: {f.Message}")), summary, errorType);
        }
        return TaskResult.Success(summary);
    }

    private static IEnumerable<SyncedBalance> Trading(OkxTradingBalance balance) =>
        balance.Currencies.Select(c => new SyncedBalance(c.Currency, c.Equity ?? c.CashBalance ?? 0m, c.AvailableBalance ?? c.AvailableEquity, c.FrozenBalance, c.EquityUsd));

    private static IEnumerable<SyncedBalance> Funding(IReadOnlyList<OkxFundingBalance> balances) =>
        balances.Select(b => new SyncedBalance(b.Currency, b.Balance ?? 0m, b.AvailableBalance, b.FrozenBalance, null));

    private async Task<SyncedAccount> WriteAsync(string accountId, string name, IEnumerable<SyncedBalance> reported, decimal? totalUsd, TaskContext context, CancellationToken cancellationToken)
    {
        var balances = new List<SyncedBalance>();
        foreach (var balance in reported)
        {
            if (Codes.TryCurrency(balance.Currency) is not { } code)
            {
                context.Log(LogLevel.Warning, $"{accountId}: currency '{balance.Currency}' is not an asset code the portfolio accepts; skipped");
                continue;
            }
            balances.Add(balance with { Currency = code });
        }
        var entries = balances.Select(b => new BalanceEntry(b.Currency, b.Total) { Available = b.Available, Frozen = b.Frozen, AssetClass = "crypto" }).ToList();
        await source.NameAccountAsync(portfolio, accountId, name, cancellationToken).ConfigureAwait(false);
        var now = source.Time.GetUtcNow();
        var result = await portfolio.ReplaceAccountHoldingsAsync(OkxSource.Source, accountId, entries, [], now, cancellationToken).ConfigureAwait(false);
        context.Log($"{accountId}: {entries.Count} balance(s) written to portfolio {OkxSource.Source}/{accountId} "
            + $"(+{result.Added} ~{result.Updated} -{result.Removed} ={result.Unchanged}){(result.Applied ? "" : ": skipped, " + result.SkippedReason)}");
        return new SyncedAccount(accountId, balances, totalUsd, result.Added, result.Updated, result.Removed, result.Unchanged, result.Applied, now);
    }

    private static FailedItem Failed(string accountId, OkxException exception, TaskContext context)
    {
        context.Log(LogLevel.Warning, $"{accountId}: {exception.Message}");
        return new FailedItem(accountId, exception.ErrorType, exception.Message);
    }
}

/// <summary>One balance as written (exact amounts as OKX sent them).</summary>
/// <param name="Currency">Asset code.</param>
/// <param name="Total">Trading: equity (<c>eq</c>); funding: <c>bal</c>.</param>
/// <param name="Available">Available balance, when OKX says.</param>
/// <param name="Frozen">Frozen balance, when OKX says.</param>
/// <param name="UsdValue">The equity in USD (<c>eqUsd</c>), where OKX gives it (trading account only).</param>
internal sealed record SyncedBalance(string Currency, decimal Total, decimal? Available, decimal? Frozen, decimal? UsdValue);

/// <summary>An account whose balances were written.</summary>
/// <param name="AccountId"><c>trading</c> or <c>funding</c>.</param>
/// <param name="Balances">What was written.</param>
/// <param name="TotalUsd">The trading account's total equity in USD (<c>totalEq</c>); null for funding.</param>
internal sealed record SyncedAccount(string AccountId, IReadOnlyList<SyncedBalance> Balances, decimal? TotalUsd,
    int Added, int Updated, int Removed, int Unchanged, bool Applied, DateTimeOffset SyncedAt);

/// <summary>The data of <c>okx.balances.synced</c> and of the run's result.</summary>
internal sealed record BalanceSyncSummary(IReadOnlyList<SyncedAccount> Accounts, IReadOnlyList<FailedItem> Failed);
