using System.Globalization;
using System.Text.Json;
using Kairos.Plugins.Fund.Dca;
using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Storage;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Sdk.Plugins;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Fund.Navs;

/// <summary>
/// Task <c>fund_nav_update</c>: fetches each fund's official NAVs from the last stored date on (money-market funds:
/// their income per 10,000 units and 7-day yield) and its latest intraday estimate, stores them exactly, confirms
/// pending purchases whose NAV is now known, and publishes <c>fund.nav.updated</c>. When some funds fail, the others
/// are still stored and the run fails naming each failed fund and why.
/// </summary>
internal sealed class NavUpdateTask(IPluginDatabase database, IHttpClientFactory httpClients, FundSettings settings, ILoggerFactory loggers) : IScheduledTask
{
    public const string Id = "fund_nav_update";

    public const string UpdatedEvent = "fund.nav.updated";

    public const string DataSource = "tiantian";

    public string TaskId => Id;

    public string Name => "Fund NAV update";

    public string Description => "Fetches official NAVs (incrementally) and intraday estimates from the 'tiantian' source, confirms pending DCA purchases, publishes fund.nav.updated";

    public TaskConfigSchema? ConfigSchema { get; } = new(
    [
        new ConfigField("update_all", ConfigFieldType.Boolean, Description: "update every followed, held or planned fund (default: true unless fund_codes is given)"),
        new ConfigField("fund_codes", ConfigFieldType.Array, Description: "6-digit fund codes to update"),
        new ConfigField("data_source", ConfigFieldType.String, Description: "where NAVs come from; only 'tiantian'", AllowedValues: [DataSource]),
        new ConfigField("retry_times", ConfigFieldType.Integer, Description: "retries of one request after a malformed answer (default 3)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.GetConfig("data_source", DataSource);
        if (source != DataSource)
        {
            return TaskResult.Failure($"data_source '{source}' is not supported: the only NAV source is '{DataSource}'.", errorType: "ConfigurationError");
        }
        var retries = context.GetConfig("retry_times", settings.Tiantian.RetryTimes);
        if (retries is < 0 or > 10)
        {
            return TaskResult.Failure($"retry_times {retries} must be between 0 and 10.", errorType: "ConfigurationError");
        }
        var requested = ReadCodes(context, out var badCodes);
        if (badCodes.Count > 0)
        {
            return TaskResult.Failure($"fund_codes holds values that are not 6-digit fund codes: {string.Join(", ", badCodes)}.", errorType: "ConfigurationError");
        }
        var store = new FundStore(database);
        var codes = new SortedSet<string>(requested, StringComparer.Ordinal);
        if (context.GetConfig("update_all", requested.Count == 0))
        {
            codes.UnionWith(await store.GetTrackedCodesAsync(cancellationToken).ConfigureAwait(false));
        }

        var client = new TiantianClient(httpClients.CreateClient(FundPlugin.HttpClientName), settings.Tiantian with { RetryTimes = retries },
            context.Time, loggers.CreateLogger<TiantianClient>());
        var updated = new List<UpdatedFund>();
        var failed = new List<FailedFund>();
        foreach (var code in codes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fund = await store.GetFundAsync(code, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await UpdateAsync(store, client, code, fund?.Kind ?? FundKind.Standard, context, cancellationToken).ConfigureAwait(false);
                updated.Add(result.Updated);
                if (result.EstimateError is { } estimateError)
                {
                    failed.Add(new FailedFund(code, "estimate", estimateError));
                }
            }
            catch (TiantianException ex)
            {
                failed.Add(new FailedFund(code, KindText(ex.Kind), ex.Message));
                context.Log(LogLevel.Warning, $"fund {code}: {ex.Message}");
            }
        }
        var confirmed = await PurchaseConfirmer.ConfirmAsync(store, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var c in confirmed)
        {
            context.Log($"confirmed {c.TransactionId}: {c.Amount} yuan of {c.FundCode} at NAV {c.Nav} on {c.TradeDate:yyyy-MM-dd} = {c.Shares} units (fee {c.Fee})");
        }
        var summary = new NavUpdateSummary(updated, failed, confirmed.Count);
        if (updated.Count > 0 || confirmed.Count > 0)
        {
            await context.Events.PublishAsync(UpdatedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        context.Log($"{updated.Count} fund(s) updated, {failed.Count} failure(s), {confirmed.Count} purchase(s) confirmed");
        if (failed.Count > 0)
        {
            var names = string.Join("; ", failed.Select(f => $"{f.Code} ({f.Error}): {f.Message}"));
            return TaskResult.Failure($"{failed.Select(f => f.Code).Distinct().Count()} of {codes.Count} fund(s) failed; the others were stored. {names}", summary, "FundUpdateFailed");
        }
        return TaskResult.Success(summary);
    }

    private async Task<(UpdatedFund Updated, string? EstimateError)> UpdateAsync(FundStore store, TiantianClient client, string code, FundKind kind, TaskContext context, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var today = ChinaMarket.Today(now);
        var last = kind == FundKind.MoneyMarket
            ? await store.GetLastYieldDateAsync(code, cancellationToken).ConfigureAwait(false)
            : await store.GetLastNavDateAsync(code, cancellationToken).ConfigureAwait(false);
        var from = last?.AddDays(1) ?? await FirstDateAsync(store, code, today, cancellationToken).ConfigureAwait(false);
        var added = 0;
        if (from <= today)
        {
            if (kind == FundKind.MoneyMarket)
            {
                var yields = await client.GetMoneyMarketHistoryAsync(code, from, null, cancellationToken).ConfigureAwait(false);
                ThrowIfNothingEver(code, last, yields.Count, from);
                added = await store.UpsertYieldsAsync(code, yields, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var navs = await client.GetNavHistoryAsync(code, from, null, cancellationToken).ConfigureAwait(false);
                ThrowIfNothingEver(code, last, navs.Count, from);
                added = await store.UpsertNavsAsync(code, navs, now, cancellationToken).ConfigureAwait(false);
            }
        }
        string? estimateError = null;
        if (kind == FundKind.Standard)
        {
            try
            {
                if (await client.GetEstimateAsync(code, cancellationToken).ConfigureAwait(false) is { } estimate)
                {
                    await store.UpsertEstimateAsync(estimate, now, cancellationToken).ConfigureAwait(false);
                    await store.SetNameAsync(code, estimate.Name, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (TiantianException ex)
            {
                estimateError = ex.Message;
                context.Log(LogLevel.Warning, $"fund {code}: {ex.Message}");
            }
        }
        string? latestValue;
        DateOnly? latestDate;
        if (kind == FundKind.MoneyMarket)
        {
            var y = await store.GetLatestYieldAsync(code, cancellationToken).ConfigureAwait(false);
            (latestDate, latestValue) = (y?.Date, y?.IncomePer10K.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var n = await store.GetLatestNavAsync(code, cancellationToken).ConfigureAwait(false);
            (latestDate, latestValue) = (n?.Date, n?.UnitNav.ToString(CultureInfo.InvariantCulture));
        }
        context.Log($"fund {code}: {added} new {(kind == FundKind.MoneyMarket ? "yield" : "NAV")}(s) since {from:yyyy-MM-dd}, latest {latestDate:yyyy-MM-dd} {latestValue}");
        return (new UpdatedFund(code, FundKinds.Text(kind), added, latestDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), latestValue), estimateError);
    }

    /// <summary>The first fetch of a fund reaches back InitialHistoryDays, or to its oldest pending purchase if earlier.</summary>
    private async Task<DateOnly> FirstDateAsync(FundStore store, string code, DateOnly today, CancellationToken cancellationToken)
    {
        var from = today.AddDays(-settings.InitialHistoryDays);
        var pending = await store.GetTransactionsAsync(code, Transactions.FundTransaction.Pending, cancellationToken).ConfigureAwait(false);
        return pending.Count > 0 && pending[0].TradeDate < from ? pending[0].TradeDate : from;
    }

    // A bounded query that finds nothing is "nothing new" for a fund we have data for, but for a fund we never had
    // data for it means the code is wrong (or it has published nothing for a year): say so rather than succeed silently.
    private static void ThrowIfNothingEver(string code, DateOnly? last, int rows, DateOnly from)
    {
        if (last is null && rows == 0)
        {
            throw new TiantianException(TiantianErrorKind.UnknownCode, code, TiantianClient.HistoryEndpoint,
                $"Fund {code} has no NAV at the tiantian source since {from:yyyy-MM-dd}: check the code (and its kind).");
        }
    }

    private static string KindText(TiantianErrorKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private List<string> ReadCodes(TaskContext context, out List<string> bad)
    {
        bad = [];
        var codes = new List<string>();
        if (!context.Config.TryGetPropertyValue("fund_codes", out var node) || node is null)
        {
            return codes;
        }
        foreach (var item in node.AsArray())
        {
            var text = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>().Trim() : item?.ToJsonString() ?? "null";
            (FundCode.IsValid(text) ? codes : bad).Add(text);
        }
        return codes;
    }
}

/// <summary>The data of <c>fund.nav.updated</c> and of the run's result.</summary>
/// <param name="Funds">The funds fetched.</param>
/// <param name="Failed">The funds (or their estimates) that failed, and why.</param>
/// <param name="ConfirmedPurchases">Pending purchases confirmed by the new NAVs.</param>
internal sealed record NavUpdateSummary(IReadOnlyList<UpdatedFund> Funds, IReadOnlyList<FailedFund> Failed, int ConfirmedPurchases);

/// <summary>A fund fetched: how many new dates, and its latest value (NAV, or income per 10k for money-market funds) as exact text.</summary>
internal sealed record UpdatedFund(string Code, string Kind, int NewDates, string? LatestDate, string? LatestValue);

/// <summary>A failure: the fund, its class (blocked, unknown_code, parse, transport, estimate) and the message.</summary>
internal sealed record FailedFund(string Code, string Error, string Message);
