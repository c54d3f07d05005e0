using System.Globalization;
using System.Text;

namespace Kairos.Plugins.Data.Reports;

/// <summary>
/// The report as one CSV table in long form, one fact per row — <c>section,source,account,item,field,value,currency,date</c>
/// — so every section fits the same columns and a spreadsheet pivot rebuilds any table of the HTML.
/// </summary>
internal static class ReportCsv
{
    public const string Header = "section,source,account,item,field,value,currency,date";

    public static string Write(PortfolioReport r)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        var ccy = r.Currency;
        void Row(string section, string source, string account, string item, string field, object? value, string? currency, object? date)
        {
            string[] cells = [section, source, account, item, field, Text(value), currency ?? "", Text(date)];
            csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }

        Row("period", "", "", r.Period, "from", r.From, "", r.From);
        Row("period", "", "", r.Period, "to", r.To, "", r.To);
        foreach (var (section, at) in new[] { ("net_worth_start", r.Start), ("net_worth_end", r.End) })
        {
            Row(section, "", "", "total", "amount", at.Total, ccy, at.Date);
            foreach (var s in at.BySource)
            {
                Row(section, s.Key, "", "source", "amount", s.Amount, ccy, at.Date);
            }
            foreach (var c in at.ByAssetClass)
            {
                Row(section, "", "", c.Key, "asset_class_amount", c.Amount, ccy, at.Date);
            }
        }
        Row("change", "", "", "total", "amount", r.Change.Amount, ccy, null);
        Row("change", "", "", "total", "percent", r.Change.Percent, null, null);
        foreach (var s in r.Change.BySource)
        {
            Row("change", s.Source, "", "source", "amount", s.Change, ccy, null);
        }
        foreach (var p in r.History)
        {
            Row("history", "", "", "total", "amount", p.Total, ccy, p.Date);
        }
        foreach (var a in r.AssetClasses.Items)
        {
            Row("asset_class", "", "", a.Key, "amount", a.Amount, ccy, r.AssetClasses.AsOf);
            Row("asset_class", "", "", a.Key, "percent", a.Percent, null, r.AssetClasses.AsOf);
        }
        foreach (var h in r.Holdings.Items)
        {
            var item = $"{h.InstrumentId} ({h.Side})";
            Row("holding", h.Source, h.AccountId, item, "quantity", h.Quantity, null, null);
            Row("holding", h.Source, h.AccountId, item, "average_cost", h.AverageCost, h.Currency, null);
            Row("holding", h.Source, h.AccountId, item, "price", h.Price, h.Currency, null);
            Row("holding", h.Source, h.AccountId, item, "market_value", h.MarketValue, h.Currency, null);
            Row("holding", h.Source, h.AccountId, item, "cost_basis", h.CostBasis, h.Currency, null);
            Row("holding", h.Source, h.AccountId, item, "unrealised_pnl", h.UnrealisedPnl, h.Currency, null);
            Row("holding", h.Source, h.AccountId, item, "pnl_percent", h.PnlPercent, null, null);
            Row("holding", h.Source, h.AccountId, item, "market_value_converted", h.MarketValueConverted, ccy, null);
            Row("holding", h.Source, h.AccountId, item, "unrealised_pnl_converted", h.UnrealisedPnlConverted, ccy, null);
        }
        Row("holdings_total", "", "", "total", "market_value", r.Holdings.MarketValue, ccy, null);
        Row("holdings_total", "", "", "total", "unrealised_pnl", r.Holdings.UnrealisedPnl, ccy, null);
        foreach (var c in r.Contributions.Items)
        {
            Row("contribution", c.Source, c.AccountId, $"{c.Kind} {c.InstrumentId ?? c.ExternalId}", "amount", c.Amount, c.Currency, c.OccurredAt);
        }
        foreach (var c in r.Contributions.ByCurrency)
        {
            Row("contribution_total", "", "", c.Currency, "amount", c.Amount, c.Currency, null);
            Row("contribution_total", "", "", c.Currency, "converted", c.Converted, ccy, null);
        }
        Row("contribution_total", "", "", "total", "converted", r.Contributions.Total, ccy, null);
        foreach (var b in r.Balances)
        {
            Row("balance", "", "", b.Asset, "total", b.Total, b.Asset, null);
            Row("balance", "", "", b.Asset, "converted", b.Converted, ccy, null);
        }
        foreach (var x in r.RatesUsed)
        {
            Row("exchange_rate", x.Source, "", $"{x.Base}/{x.Quote}", "rate", x.Rate, x.Quote, x.Time);
        }
        foreach (var s in r.Sources.Items)
        {
            Row("source", s.Source, "", "accounts", "count", s.Accounts, null, s.LastSyncedAt);
            Row("source", s.Source, "", "stale", "stale", s.Stale, null, s.LastSyncedAt);
        }
        foreach (var u in r.Unvalued)
        {
            Row("unvalued", u.Source, u.AccountId, $"{u.Item}: {u.Reason}", "amount", u.Amount, u.Currency, r.End.Date);
        }
        return csv.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
