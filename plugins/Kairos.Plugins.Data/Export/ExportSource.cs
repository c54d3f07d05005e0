using System.Runtime.CompilerServices;
using Kairos.Plugins.Portfolio;
using Kairos.Sdk.Plugins;

namespace Kairos.Plugins.Data.Export;

/// <summary>
/// The rows of each dataset, streamed: runs and events page through the host (<see cref="IHostMaintenance"/>),
/// transactions page through the portfolio (500 a page), balances and positions are the portfolio's daily snapshots of
/// the days in the range (in the data plugin's zone), streamed. Nothing is read through the database directly.
/// </summary>
internal sealed class ExportSource(IHostMaintenance host, IPortfolioStore portfolio, TimeZoneInfo zone)
{
    private const int TransactionPage = 500;

    public ExportTable Open(ExportRequest request, CancellationToken cancellationToken) => request.Dataset switch
    {
        ExportDatasets.Runs => new(
            ["run_id", "job_id", "task_id", "trigger", "status", "scheduled_at", "started_at", "finished_at", "duration_ms", "attempt", "node", "reason", "error_type", "error_message"],
            RunsAsync(request, cancellationToken)),
        ExportDatasets.Events => new(
            ["sequence", "id", "type", "source", "time", "subject", "run_id", "depth", "data"],
            EventsAsync(request, cancellationToken)),
        ExportDatasets.Balances => new(
            ["snapshot_date", "source", "account_id", "asset", "asset_class", "total", "available", "frozen"],
            BalancesAsync(request, cancellationToken)),
        ExportDatasets.Positions => new(
            ["snapshot_date", "source", "account_id", "instrument_id", "instrument_kind", "side", "name", "quantity", "average_cost", "price", "market_value", "currency", "unrealised_pnl", "counts_in_net_worth"],
            PositionsAsync(request, cancellationToken)),
        ExportDatasets.Transactions => new(
            ["source", "external_id", "account_id", "occurred_at", "kind", "amount", "currency", "fee", "fee_currency", "instrument_id", "quantity", "price", "description"],
            TransactionsAsync(request, cancellationToken)),
        _ => throw new ArgumentException($"dataset '{request.Dataset}' is not one of {string.Join(", ", ExportDatasets.All)}", nameof(request)),
    };

    private async IAsyncEnumerable<object?[]> RunsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in host.ReadRunsAsync(request.Since ?? DateTimeOffset.MinValue, request.Until ?? DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            yield return [r.RunId, r.JobId, r.TaskId, r.Trigger, r.Status, r.ScheduledAt, r.StartedAt, r.FinishedAt, r.DurationMs, r.Attempt, r.Node, r.Reason, r.ErrorType, r.ErrorMessage];
        }
    }

    private async IAsyncEnumerable<object?[]> EventsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in host.ReadEventsAsync(request.Since ?? DateTimeOffset.MinValue, request.Until ?? DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            yield return [e.Sequence, e.Id, e.Type, e.Source, e.Time, e.Subject, e.RunId, e.Depth, e.DataJson is null ? null : new RawJson(e.DataJson)];
        }
    }

    private async IAsyncEnumerable<object?[]> BalancesAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, until) = Days(request);
        await foreach (var b in portfolio.ReadBalanceSnapshotsAsync(from, until, cancellationToken).ConfigureAwait(false))
        {
            yield return [b.Date, b.Source, b.AccountId, b.Asset, b.AssetClass, b.Total, b.Available, b.Frozen];
        }
    }

    private async IAsyncEnumerable<object?[]> PositionsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (from, until) = Days(request);
        await foreach (var p in portfolio.ReadPositionSnapshotsAsync(from, until, cancellationToken).ConfigureAwait(false))
        {
            yield return [p.Date, p.Source, p.AccountId, p.InstrumentId, p.InstrumentKind, p.Side == PositionSide.Short ? "short" : "long", p.Name, p.Quantity,
                p.AverageCost, p.Price, p.MarketValue, p.Currency, p.UnrealisedPnl, p.CountsInNetWorth];
        }
    }

    /// <summary>The snapshot days the range covers: a day is in when it starts before <c>until</c> and ends after <c>since</c>.</summary>
    private (DateOnly From, DateOnly Until) Days(ExportRequest request)
    {
        var from = request.Since is { } since ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime) : DateOnly.MinValue;
        var until = request.Until is { } end ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end.AddTicks(-1), zone).DateTime).AddDays(1) : DateOnly.MaxValue;
        return (from, until);
    }

    private async IAsyncEnumerable<object?[]> TransactionsAsync(ExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await portfolio.GetTransactionsAsync(
                new TransactionQuery { Since = request.Since, Until = request.Until, Cursor = cursor, Limit = TransactionPage }, cancellationToken).ConfigureAwait(false);
            foreach (var t in page.Items)
            {
                yield return [t.Source, t.ExternalId, t.AccountId, t.OccurredAt, t.Kind, t.Amount, t.Currency, t.Fee, t.FeeCurrency, t.InstrumentId, t.Quantity, t.Price, t.Description];
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
