using System.Globalization;
using System.Net;
using System.Text;

namespace Kairos.Plugins.Data.Reports;

/// <summary>The report as one self-contained HTML page: tables for every section and <see cref="ChartTitles"/> as inline SVG.</summary>
internal static class ReportHtml
{
    public const string NetWorthChart = "Net worth over the period";
    public const string SourcesChart = "Net worth by source, start and end";
    public const string AssetClassChart = "Net worth by asset class";

    /// <summary>The charts every report holds, in page order (one <c>&lt;svg&gt;</c> each).</summary>
    public static IReadOnlyList<string> ChartTitles { get; } = [NetWorthChart, SourcesChart, AssetClassChart];

    public static string Write(PortfolioReport r)
    {
        var ccy = r.Currency;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Portfolio report {r.Period} ({ccy})")).Append("</title><style>")
            .Append("body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222;padding:0 1em}")
            .Append("table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}")
            .Append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.neg{color:#b5475b}.pos{color:#2e7d4f}.stale{color:#b5475b;font-weight:bold}")
            .Append("figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}small{color:#666}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(E($"Portfolio report {r.Period}")).Append("</h1>\n<p>")
            .Append(E($"{r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd} ({r.TimeZone}); amounts in {ccy}; generated {Instant(r.GeneratedAt)}.")).Append("</p>\n");

        html.Append("<h2>Net worth</h2>\n");
        Table(html, ["", "day", $"net worth ({ccy})"],
        [
            ["start", Day(r.Start.Date), N(r.Start.Total)],
            ["end", Day(r.End.Date), N(r.End.Total)],
            ["change", "", N(r.Change.Amount) + (r.Change.Percent is { } p ? $" ({Signed(p)}%)" : "")],
        ]);
        Table(html, ["source", $"start ({ccy})", $"end ({ccy})", $"change ({ccy})"],
            r.Change.BySource.Select(s => new[] { s.Source, N(s.Start), N(s.End), N(s.Change) }));
        Figure(html, NetWorthChart, SvgCharts.Line(NetWorthChart,
            new[] { r.Start }.Where(s => s.Date is not null).Select(s => (s.Date!.Value, s.Total))
                .Concat(r.History.Where(h => h.Date != r.Start.Date).Select(h => (h.Date, h.Total))).ToList(), ccy));
        Figure(html, SourcesChart, SvgCharts.Bars(SourcesChart, ["start", "end"],
            r.Change.BySource.Select(s => (s.Source, new[] { s.Start, s.End })).ToList(), ccy));

        var classes = r.Start.ByAssetClass.Select(c => c.Key).Union(r.End.ByAssetClass.Select(c => c.Key)).Order(StringComparer.Ordinal).ToList();
        Table(html, ["asset class", $"start ({ccy})", $"end ({ccy})"],
            classes.Select(k => new[] { k, N(r.Start.ByAssetClass.FirstOrDefault(c => c.Key == k)?.Amount ?? 0m), N(r.End.ByAssetClass.FirstOrDefault(c => c.Key == k)?.Amount ?? 0m) }));

        html.Append("<h2>Asset classes</h2>\n<p><small>").Append(E($"Current holdings (newest sync {Instant(r.AssetClasses.AsOf)}).")).Append("</small></p>\n");
        Table(html, ["asset class", $"amount ({ccy})", "share"],
            r.AssetClasses.Items.Select(a => new[] { a.Key, N(a.Amount), a.Percent is { } p ? $"{p.ToString("0.00", CultureInfo.InvariantCulture)}%" : "" }));
        Figure(html, AssetClassChart, SvgCharts.Bars(AssetClassChart, [ccy], r.AssetClasses.Items.Select(a => (a.Key, new[] { a.Amount })).ToList(), ccy));

        html.Append("<h2>Holdings</h2>\n");
        Table(html, ["source", "account", "instrument", "side", "quantity", "avg cost", "price", "market value", "currency", "unrealised P&L", "P&L %", $"value ({ccy})", $"P&L ({ccy})"],
            r.Holdings.Items.Select(h => new[]
            {
                h.Source, h.AccountId, h.Name is null ? h.InstrumentId : $"{h.InstrumentId} {h.Name}", h.Side, X(h.Quantity), X(h.AverageCost), X(h.Price),
                N(h.MarketValue), h.Currency, N(h.UnrealisedPnl), h.PnlPercent is { } p ? Signed(p) + "%" : "", N(h.MarketValueConverted), N(h.UnrealisedPnlConverted),
            }));
        html.Append("<p>").Append(E($"Market value {SvgCharts.Money(r.Holdings.MarketValue)} {ccy}, unrealised P&L {Signed(r.Holdings.UnrealisedPnl)} {ccy}.")).Append("</p>\n");

        html.Append("<h2>Contributions</h2>\n");
        Table(html, ["when", "source", "account", "kind", "instrument", "amount", "currency"],
            r.Contributions.Items.Select(c => new[] { Instant(c.OccurredAt), c.Source, c.AccountId, c.Kind, c.InstrumentId ?? "", N(c.Amount), c.Currency }));
        Table(html, ["currency", "paid", $"in {ccy}"], r.Contributions.ByCurrency.Select(c => new[] { c.Currency, N(c.Amount), N(c.Converted) })
            .Append(["total", "", N(r.Contributions.Total)]));

        html.Append("<h2>Balances per currency</h2>\n");
        Table(html, ["currency / asset", "class", "total", "accounts", $"value ({ccy})"],
            r.Balances.Select(b => new[] { b.Asset, b.AssetClass, X(b.Total), b.Accounts.ToString(CultureInfo.InvariantCulture), N(b.Converted) }));

        html.Append("<h2>Exchange rates used</h2>\n");
        Table(html, ["pair", "rate", "time", "source"], r.RatesUsed.Select(x => new[] { $"{x.Base}/{x.Quote}", X(x.Rate), Instant(x.Time), x.Source }));

        html.Append("<h2>Sources</h2>\n<p>")
            .Append(E(r.Sources.Stale.Count == 0 ? "Every source synced within the last " + r.Sources.StaleAfterHours + " hours."
                : $"Stale (no sync within {r.Sources.StaleAfterHours} hours): {string.Join(", ", r.Sources.Stale)}.")).Append("</p>\n");
        Table(html, ["source", "accounts", "last sync", "stale"],
            r.Sources.Items.Select(s => new[] { s.Source, s.Accounts.ToString(CultureInfo.InvariantCulture), Instant(s.LastSyncedAt), s.Stale ? "stale" : "" }));
        if (r.Unvalued.Count > 0)
        {
            html.Append("<h2>Not valued at the end</h2>\n");
            Table(html, ["source", "account", "item", "amount", "currency", "reason"],
                r.Unvalued.Select(u => new[] { u.Source, u.AccountId, u.Item, X(u.Amount), u.Currency, u.Reason }));
        }
        return html.Append("</body></html>\n").ToString();
    }

    private static void Figure(StringBuilder html, string title, string svg) =>
        html.Append("<figure><figcaption>").Append(E(title)).Append("</figcaption>").Append(svg).Append("</figure>\n");

    private static void Table(StringBuilder html, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append("<table><thead><tr>").AppendJoin("", headers.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static string N(decimal? value) => value is { } v ? SvgCharts.Money(v) : "";

    private static string X(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Signed(decimal value) => (value > 0 ? "+" : "") + value.ToString("#,##0.00##", CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";

    private static string Instant(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
