using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Client.Models;
using Kairos.Plugins.Okx.Sync;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Tasks;
using Microsoft.Extensions.Logging;

namespace Kairos.Plugins.Okx.Positions;

/// <summary>
/// Task <c>okx_position_sync</c>: every open position (swaps, futures, options, margin; long, short or net) becomes a
/// position of the portfolio account <c>okx/positions</c>, replaced as a whole (a closed position disappears). The
/// positions do not count in net worth on their own: their margin and unrealised P&amp;L are already in the trading
/// account's equity. Publishes <c>okx.positions.synced</c>.
/// </summary>
internal sealed class PositionSyncTask(OkxSource source, IPortfolioStore portfolio) : IScheduledTask
{
    public const string Id = "okx_position_sync";

    public const string SyncedEvent = "okx.positions.synced";

    public string TaskId => Id;

    public string Name => "OKX position sync";

    public string Description => "Reads the open OKX positions into the portfolio (source 'okx', account 'positions'), publishes okx.positions.synced";

    public TaskConfigSchema? ConfigSchema { get; } = new([]);

    public async Task<TaskResult> ExecuteAsync(TaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!source.Settings.HasCredentials)
        {
            return TaskResult.Failure(OkxSource.MissingCredentials, errorType: OkxSource.ConfigurationError);
        }
        IReadOnlyList<OkxPosition> positions;
        try
        {
            positions = await source.CreateClient().GetPositionsAsync(null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (OkxException ex)
        {
            return TaskResult.Failure(ex.Message + " The stored positions are unchanged.", errorType: ex.ErrorType);
        }

        var open = new List<(OkxPosition Position, PositionSide Side, decimal Quantity, string Currency)>();
        foreach (var p in positions)
        {
            if (p.SignedQuantity is not { } quantity || quantity == 0m)
            {
                continue;
            }
            if ((Codes.TryCurrency(p.Currency) ?? Codes.TryCurrency(Quote(p.InstrumentId))) is not { } currency)
            {
                context.Log(LogLevel.Warning, $"position {p.InstrumentId}: no currency the portfolio accepts (ccy '{p.Currency}'); skipped");
                continue;
            }
            open.Add((p, quantity < 0 ? PositionSide.Short : PositionSide.Long, Math.Abs(quantity), currency));
        }
        // (instrument, side) is the portfolio's key; an isolated and a cross position on one side of one instrument
        // can coexist on OKX, so those are told apart by their margin mode (or, failing that, their position id).
        var colliding = open.GroupBy(o => (o.Position.InstrumentId, o.Side)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var entries = new List<PositionEntry>();
        var synced = new List<SyncedPosition>();
        foreach (var (p, side, quantity, currency) in open)
        {
            var instrument = colliding.Contains((p.InstrumentId, side)) ? $"{p.InstrumentId}:{p.MarginMode ?? p.PositionId}" : p.InstrumentId;
            entries.Add(new PositionEntry(instrument, Kind(p.InstrumentType), side, quantity, currency)
            {
                Name = $"{p.InstrumentId} ({p.MarginMode ?? "?"}{(p.Leverage is { } lever ? $", {lever}x" : "")})",
                AverageCost = p.AveragePrice,
                Price = p.MarkPrice,
                UnrealisedPnl = p.UnrealizedPnl,
                CountsInNetWorth = false,
            });
            synced.Add(new SyncedPosition(instrument, p.InstrumentType, side == PositionSide.Short ? "short" : "long", quantity, currency,
                p.AveragePrice, p.MarkPrice, p.UnrealizedPnl, p.NotionalUsd, p.MarginMode, p.Leverage, p.PositionId));
        }

        await source.NameAccountAsync(portfolio, OkxSource.PositionsAccount, "OKX positions", cancellationToken).ConfigureAwait(false);
        var now = source.Time.GetUtcNow();
        var result = await portfolio.ReplaceAccountHoldingsAsync(OkxSource.Source, OkxSource.PositionsAccount, [], entries, now, cancellationToken).ConfigureAwait(false);
        context.Log($"{entries.Count} open position(s) written to portfolio {OkxSource.Source}/{OkxSource.PositionsAccount} (+{result.Added} ~{result.Updated} -{result.Removed} ={result.Unchanged})");
        var summary = new PositionSyncSummary(synced, result.Added, result.Updated, result.Removed, result.Unchanged, result.Applied, now);
        await context.Events.PublishAsync(SyncedEvent, summary, null, cancellationToken).ConfigureAwait(false);
        return TaskResult.Success(summary);
    }

    /// <summary>The quote currency of an instrument id: <c>BTC-USDT-SWAP</c> → <c>USDT</c>.</summary>
    internal static string? Quote(string instrumentId) => instrumentId.Split('-') is { Length: >= 2 } parts ? parts[1] : null;

    private static string Kind(string? instrumentType) => instrumentType switch
    {
        "SWAP" => "swap",
        "FUTURES" => "future",
        "OPTION" => "option",
        "MARGIN" => "margin",
        null or "" => "derivative",
        _ => instrumentType.ToLowerInvariant(),
    };
}

/// <summary>A position as written.</summary>
/// <param name="InstrumentId">The portfolio's instrument id (OKX's <c>instId</c>, with the margin mode when two positions share a side).</param>
/// <param name="InstrumentType">OKX's <c>instType</c>.</param>
/// <param name="Side"><c>long</c> or <c>short</c>.</param>
/// <param name="Quantity">Contracts (derivatives) or the position currency (margin), unsigned.</param>
/// <param name="Currency">The margin currency of the prices and P&amp;L.</param>
/// <param name="AveragePrice"><c>avgPx</c>.</param>
/// <param name="MarkPrice"><c>markPx</c>.</param>
/// <param name="UnrealisedPnl"><c>upl</c>.</param>
/// <param name="NotionalUsd"><c>notionalUsd</c>: the position's value in USD.</param>
/// <param name="MarginMode"><c>cross</c> or <c>isolated</c>.</param>
/// <param name="Leverage"><c>lever</c>.</param>
/// <param name="PositionId"><c>posId</c>.</param>
internal sealed record SyncedPosition(string InstrumentId, string? InstrumentType, string Side, decimal Quantity, string Currency,
    decimal? AveragePrice, decimal? MarkPrice, decimal? UnrealisedPnl, decimal? NotionalUsd, string? MarginMode, decimal? Leverage, string? PositionId);

/// <summary>The data of <c>okx.positions.synced</c> and of the run's result.</summary>
internal sealed record PositionSyncSummary(IReadOnlyList<SyncedPosition> Positions, int Added, int Updated, int Removed, int Unchanged, bool Applied, DateTimeOffset SyncedAt);
