using Kairos.Plugins.Portfolio;
using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Sync;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Wise.Rates;

/// <summary>
/// Task <c>wise_exchange_rate_sync</c>: the current mid-market rate of each pair (<c>Plugins:wise:RatePairs</c>, by
/// default every Wise balance currency against the portfolio base currency, both directions), optionally the daily
/// history of the last <c>history_days</c>, recorded as portfolio exchange rates (source <c>wise</c>; the same rate
/// again is not duplicated). A pair Wise rejects is named in the failure; the other pairs are still stored.
/// Publishes <c>wise.rates.synced</c>.
/// </summary>
internal sealed class ExchangeRateSyncTask(WiseSource source, IPortfolioStore portfolio) : IScheduledTask
{
    public const string Id = "wise_exchange_rate_sync";

    public const string SyncedEvent = "wise.rates.synced";

    public string TaskId => Id;

    public string Name => "Wise exchange-rate sync";

    public string Description => "Reads Wise's mid-market rates (and optionally their daily history) into the portfolio's exchange rates, publishes wise.rates.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new(
    [
        new ConfigField("history_days", ConfigFieldType.Integer, Description: "also read the daily rates of the last N days, 0–365 (default 0: current rates only)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!source.HasToken)
        {
            return TaskResult.Failure(WiseFailures.MissingToken, errorType: WiseFailures.Configuration);
        }
        var historyDays = context.GetConfig("history_days", 0);
        if (historyDays is < 0 or > 365)
        {
            return TaskResult.Failure($"history_days {historyDays} must be between 0 and 365.", errorType: WiseFailures.Configuration);
        }
        var client = source.CreateClient();
        IReadOnlyList<CurrencyPair> pairs;
        try
        {
            pairs = source.Settings.RatePairs.Count > 0 ? source.Settings.RatePairs : await DefaultPairsAsync(client, context, cancellationToken).ConfigureAwait(false);
        }
        catch (WiseException ex)
        {
            return TaskResult.Failure($"the default rate pairs need the balance currencies, which could not be read: {ex.Message}", errorType: WiseFailures.TypeOf(ex));
        }

        var today = DateOnly.FromDateTime(source.Time.GetUtcNow().UtcDateTime);
        var rates = new List<ExchangeRate>();
        var current = new List<SyncedRate>();
        var failed = new List<FailedItem>();
        var missing = new List<string>();
        var history = 0;
        foreach (var pair in pairs)
        {
            try
            {
                var rate = await client.GetCurrentRateAsync(pair.Source, pair.Target, cancellationToken).ConfigureAwait(false);
                if (rate is null)
                {
                    missing.Add(pair.ToString());
                    context.Log(LogLevel.Warning, $"Wise has no current rate for {pair}");
                }
                else if (Add(rates, rate))
                {
                    current.Add(new SyncedRate(rate.Source, rate.Target, rate.Rate, rate.Time));
                }
                if (historyDays > 0)
                {
                    var points = await client.GetRateHistoryAsync(pair.Source, pair.Target, today.AddDays(-historyDays), today, WiseRateGroup.Day, cancellationToken).ConfigureAwait(false);
                    history += points.Count(p => Add(rates, p));
                }
            }
            catch (WiseException ex) when (!WiseFailures.StopsTheRun(ex))
            {
                failed.Add(new FailedItem(pair.ToString(), WiseFailures.TypeOf(ex), ex.Message));
                context.Log(LogLevel.Warning, $"{pair}: {ex.Message}");
            }
            catch (WiseException ex)
            {
                return TaskResult.Failure(ex.Message, errorType: WiseFailures.TypeOf(ex));
            }
            catch (ArgumentException ex)
            {
                failed.Add(new FailedItem(pair.ToString(), WiseFailures.Configuration, ex.Message));
            }
        }

        var written = await portfolio.UpsertExchangeRatesAsync(rates, cancellationToken).ConfigureAwait(false);
        var summary = new RateSyncSummary(portfolio.BaseCurrency, current, history, written, missing, failed);
        context.Log($"{current.Count} current rate(s) and {history} history point(s) of {pairs.Count} pair(s) recorded ({written} row(s) written)");
        if (rates.Count > 0)
        {
            await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            var errorType = failed.Select(f => f.ErrorType).Distinct().Count() == 1 ? failed[0].ErrorType : WiseFailures.Partial;
            return TaskResult.Failure($"{failed.Count} of {pairs.Count} rate pair(s) failed; the others were stored. "
                + string.Join(" ", failed.Select(f => $"{f.Item}: {f.Message}")), summary, errorType);
        }
        return TaskResult.Success(summary);
    }

    /// <summary>
    /// Every balance currency against the base currency, both ways: from the Wise balances already in the portfolio,
    /// or, before the first balance sync, from Wise itself.
    /// </summary>
    private async Task<IReadOnlyList<CurrencyPair>> DefaultPairsAsync(WiseClient client, TaskContext context, CancellationToken cancellationToken)
    {
        var currencies = (await portfolio.GetBalancesAsync(WiseSource.Source, cancellationToken).ConfigureAwait(false)).Select(b => b.Asset).ToHashSet(StringComparer.Ordinal);
        if (currencies.Count == 0)
        {
            foreach (var profile in await ProfileReader.ReadAsync(client, source.Settings.Client, cancellationToken).ConfigureAwait(false))
            {
                currencies.UnionWith((await client.GetBalancesAsync(profile.Id, cancellationToken).ConfigureAwait(false)).Select(b => b.Currency.ToUpperInvariant()));
            }
        }
        var baseCurrency = portfolio.BaseCurrency;
        var pairs = currencies.Order(StringComparer.Ordinal).Where(c => c != baseCurrency)
            .SelectMany(c => new[] { new CurrencyPair(c, baseCurrency), new CurrencyPair(baseCurrency, c) }).ToList();
        context.Log($"rate pairs (balance currencies against {baseCurrency}): {(pairs.Count == 0 ? "none" : string.Join(", ", pairs))}");
        return pairs;
    }

    private static bool Add(List<ExchangeRate> rates, WiseRate rate)
    {
        // A rate of zero or less is not a rate; Wise does not send one, but a stored rate must be positive.
        if (rate.Rate <= 0 || Codes.TryCurrency(rate.Source) is not { } from || Codes.TryCurrency(rate.Target) is not { } to)
        {
            return false;
        }
        var row = new ExchangeRate(from, to, rate.Rate, rate.Time, WiseSource.Source);
        if (rates.Any(r => r.Base == row.Base && r.Quote == row.Quote && r.Time == row.Time))
        {
            return false;
        }
        rates.Add(row);
        return true;
    }
}

/// <summary>A current rate as recorded.</summary>
internal sealed record SyncedRate(string Base, string Quote, decimal Rate, DateTimeOffset Time);

/// <summary>The data of <c>wise.rates.synced</c> and of the run's result.</summary>
/// <param name="BaseCurrency">The portfolio's base currency (what the default pairs are against).</param>
/// <param name="Rates">The current rate of each pair.</param>
/// <param name="HistoryPoints">History rates recorded.</param>
/// <param name="RowsWritten">Rows the portfolio wrote.</param>
/// <param name="NoRate">Pairs Wise has no current rate for.</param>
/// <param name="Failed">Pairs that failed.</param>
internal sealed record RateSyncSummary(string BaseCurrency, IReadOnlyList<SyncedRate> Rates, int HistoryPoints, int RowsWritten, IReadOnlyList<string> NoRate, IReadOnlyList<FailedItem> Failed);
