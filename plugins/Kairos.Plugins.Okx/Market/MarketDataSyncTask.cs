using Kairos.Plugins.Okx.Client;
using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Client.Models;
using Kairos.Plugins.Okx.Storage;
using Kairos.Plugins.Okx.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Market;

/// <summary>
/// Task <c>okx_market_data_sync</c>: for each instrument (the job's <c>instruments</c>, else <c>Plugins:okx:Instruments</c>,
/// else the spot pair against USDT of every asset held on OKX), the ticker's last price becomes a portfolio price (and,
/// for a spot pair, an exchange rate, so held coins can be valued), and the candles of one bar size are read with OKX's
/// pagination — on the first sync the latest <c>candles</c>, afterwards everything from the newest stored candle on
/// (which is read again: it may still have been forming). Public endpoints: no credentials needed.
/// Publishes <c>okx.market.synced</c>.
/// </summary>
internal sealed class MarketDataSyncTask(OkxSource source, IPortfolioStore portfolio, CandleStateStore candleStates) : IScheduledTask
{
    public const string Id = "okx_market_data_sync";

    public const string SyncedEvent = "okx.market.synced";

    /// <summary>The quote currency of the default instruments.</summary>
    public const string DefaultQuote = "USDT";

    /// <summary>Most candles read per instrument by a later sync (the candles endpoint's own reach).</summary>
    public const int IncrementalLimit = 1440;

    private static readonly string[] Bars = ["1m", "3m", "5m", "15m", "30m", "1H", "2H", "4H", "6H", "12H", "1D", "2D", "3D", "1W", "1M", "3M",
        "6Hutc", "12Hutc", "1Dutc", "2Dutc", "3Dutc", "1Wutc", "1Mutc", "3Mutc"];

    public string TaskId => Id;

    public string Name => "OKX market data sync";

    public string Description => "Reads OKX tickers and candles of the configured (or held) instruments into the portfolio's prices, exchange rates and candles, publishes okx.market.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new(
    [
        new ConfigField("instruments", ConfigFieldType.Array, Description: "instrument ids (BTC-USDT, BTC-USDT-SWAP); default Plugins:okx:Instruments, else the USDT spot pairs of held assets"),
        new ConfigField("bar", ConfigFieldType.String, Description: "candle size (default 1H)", AllowedValues: Bars),
        new ConfigField("candles", ConfigFieldType.Integer, Description: "candles read per instrument on its first sync, 0–1440 (default 100; 0 = tickers only)"),
        new ConfigField("page_size", ConfigFieldType.Integer, Description: "candles per request, 1–300 (default 100)"),
    ]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bar = context.GetConfig("bar", "1H");
        var firstCandles = context.GetConfig("candles", 100);
        var pageSize = context.GetConfig("page_size", 100);
        if (!Bars.Contains(bar, StringComparer.Ordinal) || firstCandles is < 0 or > IncrementalLimit || pageSize is < 1 or > 300)
        {
            return TaskResult.Failure($"bar '{bar}' must be one of {string.Join(", ", Bars)}; candles {firstCandles} must be 0–{IncrementalLimit}; page_size {pageSize} must be 1–300.",
                errorType: OkxSource.ConfigurationError);
        }
        IReadOnlyList<string> configured;
        try
        {
            configured = OkxPluginSettings.Instruments(string.Join(',', context.GetConfig<List<string>>("instruments", [])), "config 'instruments'");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return TaskResult.Failure(ex.Message, errorType: OkxSource.ConfigurationError);
        }
        var derived = configured.Count == 0 && source.Settings.Instruments.Count == 0;
        var instruments = configured.Count > 0 ? configured : source.Settings.Instruments.Count > 0 ? source.Settings.Instruments : await HeldPairsAsync(cancellationToken).ConfigureAwait(false);
        if (instruments.Count == 0)
        {
            return TaskResult.Failure($"No instruments for OKX market data: set Plugins:okx:Instruments (e.g. BTC-USDT,ETH-USDT) or the job's 'instruments', or run {Balances.BalanceSyncTask.Id} first so the held assets' {DefaultQuote} pairs are used.",
                errorType: OkxSource.ConfigurationError);
        }

        var client = source.CreateClient();
        var synced = new List<SyncedInstrument>();
        var skipped = new List<FailedItem>();
        var failed = new List<FailedItem>();
        foreach (var instrument in instruments)
        {
            try
            {
                synced.Add(await SyncAsync(client, instrument, bar, firstCandles, pageSize, cancellationToken).ConfigureAwait(false));
            }
            catch (OkxInstrumentNotFoundException ex) when (derived)
            {
                // A held asset without a USDT spot market (a fiat balance, a delisted coin) is not an error.
                skipped.Add(new FailedItem(instrument, ex.ErrorType, $"OKX has no {instrument} market; no price for it."));
                context.Log($"{instrument}: no such market on OKX; skipped");
            }
            catch (OkxException ex)
            {
                failed.Add(new FailedItem(instrument, ex.ErrorType, ex.Message));
                context.Log(LogLevel.Warning, $"{instrument}: {ex.Message}");
            }
        }

        var summary = new MarketSyncSummary(bar, synced, skipped, failed);
        context.Log($"{synced.Count} instrument(s) synced ({synced.Sum(s => s.Candles)} candle(s) of {bar}), {skipped.Count} skipped, {failed.Count} failed");
        if (synced.Count > 0)
        {
            await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            var errorType = failed.Select(f => f.ErrorType).Distinct().Count() == 1 ? failed[0].ErrorType : OkxSource.PartialFailure;
            return TaskResult.Failure($"{failed.Count} of {instruments.Count} instrument(s) failed; the others were stored. "
                + string.Join(" ", failed.Select(f => $"{f.Item}: {f.Message}")), summary, errorType);
        }
        return TaskResult.Success(summary);
    }

    private async Task<SyncedInstrument> SyncAsync(OkxClient client, string instrument, string bar, int firstCandles, int pageSize, CancellationToken cancellationToken)
    {
        var ticker = await client.GetTickerAsync(instrument, cancellationToken).ConfigureAwait(false);
        var parts = instrument.Split('-');
        var quote = Codes.TryCurrency(parts[1]);
        var at = ticker.Time ?? source.Time.GetUtcNow();
        if (ticker.Last is { } last && quote is not null)
        {
            await portfolio.UpsertPricesAsync([new PriceQuote(OkxSource.Source, instrument, last, quote, at)], cancellationToken).ConfigureAwait(false);
            // A spot pair's price is an exchange rate between two assets: it lets net worth value the coins held.
            if ((ticker.InstrumentType == "SPOT" || parts.Length == 2) && last > 0m && Codes.TryCurrency(parts[0]) is { } baseAsset)
            {
                await portfolio.UpsertExchangeRatesAsync([new ExchangeRate(baseAsset, quote, last, at, OkxSource.Source)], cancellationToken).ConfigureAwait(false);
            }
        }

        var since = await candleStates.GetLastAsync(instrument, bar, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OkxCandle> candles = [];
        if (since is not null || firstCandles > 0)
        {
            candles = await client.GetCandlesAsync(new OkxCandleQuery
            {
                InstrumentId = instrument,
                Bar = bar,
                PageSize = pageSize,
                MaxCandles = since is null ? firstCandles : IncrementalLimit,
                Since = since,
            }, cancellationToken).ConfigureAwait(false);
        }
        if (candles.Count > 0)
        {
            await portfolio.UpsertCandlesAsync([.. candles.Select(c => new Candle(OkxSource.Source, instrument, bar, c.Time, c.Open, c.High, c.Low, c.Close) { Volume = c.Volume })],
                cancellationToken).ConfigureAwait(false);
            await candleStates.SetLastAsync(instrument, bar, candles.Max(c => c.Time), cancellationToken).ConfigureAwait(false);
        }
        return new SyncedInstrument(instrument, ticker.Last, ticker.BidPrice, ticker.AskPrice, quote, ticker.Time, candles.Count,
            candles.Count == 0 ? null : candles.Min(c => c.Time), candles.Count == 0 ? null : candles.Max(c => c.Time), since is not null);
    }

    /// <summary>The USDT spot pair of every asset held on OKX (as the last balance sync stored them), USDT itself excepted.</summary>
    private async Task<IReadOnlyList<string>> HeldPairsAsync(CancellationToken cancellationToken) =>
        [.. (await portfolio.GetBalancesAsync(OkxSource.Source, cancellationToken).ConfigureAwait(false))
            .Select(b => b.Asset).Where(a => a != DefaultQuote).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(a => $"{a}-{DefaultQuote}")];
}

/// <summary>An instrument whose market data was written.</summary>
/// <param name="InstrumentId">OKX's <c>instId</c>.</param>
/// <param name="Last">Last traded price.</param>
/// <param name="Bid">Best bid, when there is one.</param>
/// <param name="Ask">Best ask, when there is one.</param>
/// <param name="Currency">The quote currency of the prices.</param>
/// <param name="Time">The ticker's time.</param>
/// <param name="Candles">Candles written.</param>
/// <param name="FirstCandle">Open time of the oldest candle written.</param>
/// <param name="LastCandle">Open time of the newest candle written (it may still be forming).</param>
/// <param name="Incremental">True when the candles continued from the newest stored one.</param>
internal sealed record SyncedInstrument(string InstrumentId, decimal? Last, decimal? Bid, decimal? Ask, string? Currency, DateTimeOffset? Time,
    int Candles, DateTimeOffset? FirstCandle, DateTimeOffset? LastCandle, bool Incremental);

/// <summary>The data of <c>okx.market.synced</c> and of the run's result.</summary>
internal sealed record MarketSyncSummary(string Bar, IReadOnlyList<SyncedInstrument> Instruments, IReadOnlyList<FailedItem> Skipped, IReadOnlyList<FailedItem> Failed);
