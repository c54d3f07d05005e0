using System.Globalization;
using Kairos.Plugins.Fund.Dca;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Transactions;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Fund.Holdings;

/// <summary>
/// Task <c>fund_position_sync</c>: computes every fund holding from the ledger (confirmed DCA purchases and manual
/// buys and sells): shares, cost, average cost, latest NAV, market value, unrealised P&amp;L and return; makes them the
/// positions of the portfolio account <c>fund/&lt;AccountId&gt;</c> (a fund sold out disappears), records the confirmed
/// transactions in the portfolio (de-duplicated by id), and publishes <c>fund.positions.synced</c>.
/// </summary>
internal sealed class PositionSyncTask(IPluginDatabase database, IPortfolioStore portfolio, FundSettings settings) : IScheduledTask
{
    public const string Id = "fund_position_sync";

    public const string SyncedEvent = "fund.positions.synced";

    /// <summary>The source of everything this plugin writes into the portfolio.</summary>
    public const string Source = "fund";

    public const string Currency = "CNY";

    public string TaskId => Id;

    public string Name => "Fund position sync";

    public string Description => "Computes fund holdings from the ledger and writes them to the portfolio (source 'fund'), publishes fund.positions.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new FundStore(database);
        var now = context.Time.GetUtcNow();
        var confirmed = await PurchaseConfirmer.ConfirmAsync(store, now, cancellationToken).ConfigureAwait(false);
        var holdings = await HoldingReader.ReadAsync(store, null, cancellationToken).ConfigureAwait(false);
        var positions = new List<PositionEntry>();
        var synced = new List<SyncedPosition>();
        foreach (var (fund, h) in holdings)
        {
            if (h.Oversold)
            {
                context.Log(LogLevel.Warning, $"fund {h.Code}: the ledger sells more units than it bought; the excess is ignored");
            }
            if (h.Shares <= 0m)
            {
                continue;
            }
            if (h.Nav is null)
            {
                context.Log(LogLevel.Warning, $"fund {h.Code}: no NAV stored yet, so no market value (run fund_nav_update)");
            }
            positions.Add(new PositionEntry(h.Code, "fund", PositionSide.Long, h.Shares, Currency)
            {
                Name = fund?.Name,
                AverageCost = h.AverageCost,
                Price = h.Nav,
                MarketValue = h.MarketValue,
                UnrealisedPnl = h.UnrealisedPnl,
            });
            synced.Add(new SyncedPosition(h.Code, Text(h.Shares), Text(h.Cost), Text(h.AverageCost), Text(h.Nav), h.NavDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Text(h.MarketValue), Text(h.UnrealisedPnl), Text(h.ReturnPercent)));
        }

        await portfolio.UpsertAccountAsync(new PortfolioAccount(Source, settings.AccountId) { Name = "Funds", Currency = Currency, Kind = "fund" }, cancellationToken).ConfigureAwait(false);
        var replaced = await portfolio.ReplaceAccountHoldingsAsync(Source, settings.AccountId, [], positions, now, cancellationToken).ConfigureAwait(false);
        var ledger = await store.GetTransactionsAsync(null, FundTransaction.Confirmed, cancellationToken).ConfigureAwait(false);
        var recorded = await portfolio.UpsertTransactionsAsync(ledger.Select(ToPortfolio).ToList(), cancellationToken).ConfigureAwait(false);
        var total = positions.Sum(p => p.MarketValue ?? 0m) + 0.00m;
        var summary = new PositionSyncSummary(settings.AccountId, synced, Text(total), confirmed.Count, recorded.Inserted, recorded.Updated, replaced.Applied);
        context.Log($"{positions.Count} fund position(s) worth {total} CNY written to portfolio {Source}/{settings.AccountId} " +
            $"(+{replaced.Added} ~{replaced.Updated} -{replaced.Removed}); {recorded.Inserted} new transaction(s)");
        await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(summary);
    }

    private PortfolioTransaction ToPortfolio(FundTransaction t) =>
        new(Source, t.TransactionId, settings.AccountId, ChinaMarket.At(t.TradeDate, ChinaMarket.CutOff), t.Kind, t.IsBuy ? -t.Amount : t.Amount, Currency)
        {
            Fee = t.Fee,
            InstrumentId = t.FundCode,
            Quantity = t.Shares,
            Price = t.Nav,
            Description = t.PlanId is { } plan ? $"DCA plan {plan}, due {t.DueDate:yyyy-MM-dd}" : t.Note,
        };

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A position written to the portfolio (amounts as exact text).</summary>
internal sealed record SyncedPosition(string Code, string? Shares, string? Cost, string? AverageCost, string? Nav, string? NavDate, string? MarketValue, string? UnrealisedPnl, string? ReturnPercent);

/// <summary>The data of <c>fund.positions.synced</c> and of the run's result.</summary>
internal sealed record PositionSyncSummary(string AccountId, IReadOnlyList<SyncedPosition> Positions, string? TotalMarketValue, int ConfirmedPurchases, int NewTransactions, int UpdatedTransactions, bool Applied);
