using System.Globalization;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Transactions;
using Kairos.Sdk.Calendars;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Fund.Dca;

/// <summary>
/// Task <c>dca_execute</c>: for every active plan, records one <c>pending</c> <c>dca_buy</c> for every due date since
/// its last purchase up to today (Beijing), so days the server was down are caught up; a re-run never buys twice
/// (one purchase per plan and due date). The trade date — whose NAV prices the purchase — follows the 15:00 cut-off:
/// a purchase due today and recorded before 15:00 Beijing time trades today, one recorded later trades on the next
/// trading day; a purchase caught up for an earlier due date trades on its due date, as it would have had the server
/// been running. Publishes <c>fund.dca.executed</c> for each new purchase, then confirms purchases whose NAV is known.
/// </summary>
internal sealed class DcaExecuteTask(IPluginDatabase database, ITradingCalendar calendar) : IScheduledTask
{
    public const string Id = "dca_execute";

    public const string ExecutedEvent = "fund.dca.executed";

    public string TaskId => Id;

    public string Name => "DCA execution";

    public string Description => "Records the due purchases of every active DCA plan (catching up missed days), publishes fund.dca.executed";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new FundStore(database);
        var now = context.Time.GetUtcNow();
        var today = ChinaMarket.Today(now);
        var beforeCutOff = TimeOnly.FromDateTime(ChinaMarket.Local(now)) < ChinaMarket.CutOff;
        var created = new List<DcaExecuted>();
        var failed = new List<string>();
        var plans = await store.GetPlansAsync(activeOnly: true, cancellationToken).ConfigureAwait(false);
        foreach (var plan in plans)
        {
            try
            {
                var last = await store.GetLastDueDateAsync(plan.PlanId, cancellationToken).ConfigureAwait(false);
                // Never before the plan existed: a plan created today with an old start date does not buy the past.
                var from = Max(Max(plan.StartDate, ChinaMarket.Today(plan.CreatedAt)), last?.AddDays(1) ?? DateOnly.MinValue);
                foreach (var due in DcaSchedule.DueDates(plan, from, today, calendar))
                {
                    var trade = due < today || beforeCutOff ? due : calendar.NextTradingDay(ChinaMarket.Calendar, due.AddDays(1));
                    var purchase = new FundTransaction(
                        $"dca-{plan.PlanId}-{due:yyyyMMdd}", plan.FundCode, Portfolio.TransactionKinds.DcaBuy, FundTransaction.Pending, plan.PlanId, due, trade,
                        plan.Amount, plan.FeeRate, null, null, null, null, null, null, now, null);
                    if (!await store.TryInsertTransactionAsync(purchase, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                    var executed = new DcaExecuted(purchase.TransactionId, plan.PlanId, plan.FundCode, Date(due), Date(trade), Text(plan.Amount), Text(plan.FeeRate));
                    created.Add(executed);
                    context.Log($"plan {plan.PlanId}: {plan.Amount} yuan of {plan.FundCode} due {due:yyyy-MM-dd}, trade date {trade:yyyy-MM-dd}");
                    await context.Events.PublishAsync(ExecutedEvent, executed, plan.FundCode, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (TradingCalendarException ex)
            {
                failed.Add($"plan {plan.PlanId} ({plan.FundCode}): {ex.Message}");
                context.Log(LogLevel.Error, failed[^1]);
            }
        }
        var confirmed = await PurchaseConfirmer.ConfirmAsync(store, now, cancellationToken).ConfigureAwait(false);
        var summary = new DcaSummary(plans.Count, created, confirmed.Count);
        if (failed.Count > 0)
        {
            return TaskResult.Failure($"{failed.Count} plan(s) could not be scheduled: {string.Join("; ", failed)}", summary, "CalendarNotCovered");
        }
        return TaskResult.Success(summary);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The data of <c>fund.dca.executed</c>: one purchase recorded (amounts as exact text).</summary>
internal sealed record DcaExecuted(string TransactionId, string PlanId, string FundCode, string DueDate, string TradeDate, string Amount, string FeeRate);

/// <summary>The result of a <c>dca_execute</c> run.</summary>
internal sealed record DcaSummary(int ActivePlans, IReadOnlyList<DcaExecuted> Purchases, int ConfirmedPurchases);
