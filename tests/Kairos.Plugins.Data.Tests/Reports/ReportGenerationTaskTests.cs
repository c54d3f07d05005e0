using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kairos.Plugins.Data.Reports;
using Kairos.Plugins.Data.Tests.Support;

namespace Kairos.Plugins.Data.Tests.Reports;

public sealed class ReportGenerationTaskTests
{
    [Fact]
    public async Task Report_ForOctober_MatchesTheHandComputedFigures()
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });

        Assert.True(result.Succeeded, result.Error);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.json")))!;
        Assert.Equal("portfolio-2026-10-cny", S(r["id"]));
        Assert.Equal(("2026-10-01", "2026-10-31", "CNY"), (S(r["from"]), S(r["to"]), S(r["currency"])));

        Assert.Equal("2026-09-30", S(r["start"]!["date"]));
        Assert.Equal(2810.00m, D(r["start"]!["total"]));
        Assert.Equal(Shares(("fund", 1100m), ("wise", 1710.00m)), Shares(r["start"]!["by_source"]));
        Assert.Equal("2026-10-31", S(r["end"]!["date"]));
        Assert.Equal(20100.00m, D(r["end"]!["total"]));
        Assert.Equal(Shares(("fund", 2400m), ("ibkr", 14400.00m), ("okx", 360.00m), ("wise", 2940.00m)), Shares(r["end"]!["by_source"]));
        // By asset class on the two days (the snapshots of those days): Sep 30 cash 1000 + 710.00, the fund 1100;
        // Oct 31 cash 1500 + 1440.00, USDT 360.00, the fund 2400, AAPL 14400.00.
        Assert.Equal(Shares(("cash", 1710.00m), ("fund", 1100m)), Shares(r["start"]!["by_asset_class"]));
        Assert.Equal(Shares(("cash", 2940.00m), ("crypto", 360.00m), ("fund", 2400m), ("stock", 14400.00m)), Shares(r["end"]!["by_asset_class"]));
        Assert.Equal(17290.00m, D(r["change"]!["amount"]));
        Assert.Equal(615.30m, D(r["change"]!["percent"]));
        Assert.Equal(["fund 1100 2400 1300", "ibkr 0 14400.00 14400.00", "okx 0 360.00 360.00", "wise 1710.00 2940.00 1230.00"],
            r["change"]!["by_source"]!.AsArray().Select(s => $"{S(s!["source"])} {D(s["start"])} {D(s["end"])} {D(s["change"])}"));
        Assert.Equal(["2026-10-10 3165.00", "2026-10-31 20100.00"], r["history"]!.AsArray().Select(p => $"{S(p!["date"])} {D(p["total"])}"));

        Assert.Equal(20100.00m, D(r["asset_classes"]!["total"]));
        Assert.Equal(["cash 2940.00 14.63", "crypto 360.00 1.79", "fund 2400 11.94", "stock 14400.00 71.64"],
            r["asset_classes"]!["items"]!.AsArray().Select(a => $"{S(a!["key"])} {D(a["amount"])} {D(a["percent"])}"));

        var holdings = r["holdings"]!["items"]!.AsArray();
        Assert.Equal(["fund/000001", "fund/000002", "ibkr/AAPL"], holdings.Select(x => $"{S(x!["source"])}/{S(x["instrument_id"])}"));
        Assert.Equal((2100.00m, 14.29m, 2400m, 300m), (D(holdings[0]!["cost_basis"]), D(holdings[0]!["pnl_percent"]), D(holdings[0]!["market_value_converted"]), D(holdings[0]!["unrealised_pnl_converted"])));
        Assert.Null(holdings[1]!["market_value_converted"]);
        Assert.Null(holdings[1]!["cost_basis"]);
        Assert.Equal((1500m, 33.33m, 14400.00m, 3600.00m), (D(holdings[2]!["cost_basis"]), D(holdings[2]!["pnl_percent"]), D(holdings[2]!["market_value_converted"]), D(holdings[2]!["unrealised_pnl_converted"])));
        Assert.Equal((16800.00m, 3900.00m), (D(r["holdings"]!["market_value"]), D(r["holdings"]!["unrealised_pnl"])));

        var contributions = r["contributions"]!;
        Assert.Equal(["t6 buy 50", "t1 dca_buy 500", "t7 buy 20", "t2 buy 1000", "t3 dca_buy 200"],
            contributions["items"]!.AsArray().Select(c => $"{S(c!["external_id"])} {S(c["kind"])} {D(c["amount"])}"));
        Assert.Equal(["CNY 1750 1750", "USDT 20 144.00"], contributions["by_currency"]!.AsArray().Select(c => $"{S(c!["currency"])} {D(c["amount"])} {D(c["converted"])}"));
        Assert.Equal(1894.00m, D(contributions["total"]));

        Assert.Equal(["CNY 1500 1 1500", "USD 200 1 1440.00", "USDT 50 1 360.00"],
            r["balances"]!.AsArray().Select(b => $"{S(b!["asset"])} {D(b["total"])} {b["accounts"]} {D(b["converted"])}"));
        Assert.Equal(["USD/CNY 7.20 wise", "USDT/USD 1 okx"], r["rates_used"]!.AsArray().Select(x => $"{S(x!["base"])}/{S(x["quote"])} {D(x["rate"])} {S(x["source"])}"));
        Assert.Equal(["okx"], r["sources"]!["stale"]!.AsArray().Select(S));
        Assert.Equal(["fund False", "ibkr False", "okx True", "wise False"], r["sources"]!["items"]!.AsArray().Select(s => $"{S(s!["source"])} {s["stale"]!.GetValue<bool>()}"));
        var unvalued = Assert.Single(r["unvalued"]!.AsArray());
        Assert.Equal(("fund", "position 000002 (long)", "no market value"), (S(unvalued!["source"]), S(unvalued["item"]), S(unvalued["reason"])));
    }

    [Fact]
    public async Task Report_Html_HoldsOneSvgPerChart_AndEncodesText()
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });

        Assert.True(result.Succeeded, result.Error);
        var html = await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var svgs = Regex.Matches(html, "<svg[ >]").Count;
        Assert.Equal(ReportHtml.ChartTitles.Count, svgs);
        Assert.Equal(3, svgs);
        Assert.Equal(svgs, Regex.Matches(html, "</svg>").Count);
        foreach (var title in ReportHtml.ChartTitles)
        {
            Assert.Single(Regex.Matches(html, $"<svg [^>]*aria-label=\"{Regex.Escape(title)}\""));
        }
        // The net-worth line: the start (Sep 30) and the two October days.
        var line = Regex.Match(html, "<svg [^>]*aria-label=\"Net worth over the period\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(3, Regex.Matches(line, "<circle").Count);
        Assert.Contains("2026-09-30: 2,810.00 CNY", line, StringComparison.Ordinal);
        Assert.Contains("2026-10-31: 20,100.00 CNY", line, StringComparison.Ordinal);
        Assert.Contains("20,100.00", html, StringComparison.Ordinal);
        Assert.Contains("Stale (no sync within 48 hours): okx.", html, StringComparison.Ordinal);
        Assert.Contains("S&amp;P &lt;500&gt; Index", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<500>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Csv_HasOneFactPerRow()
    {
        await using var h = await StartAsync();

        await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });

        var lines = (await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.csv"))).Split("\r\n");
        Assert.Equal(ReportCsv.Header, lines[0]);
        Assert.All(lines.Skip(1).Where(l => l.Length > 0 && !l.Contains('"', StringComparison.Ordinal)), l => Assert.Equal(7, l.Count(c => c == ',')));
        Assert.Contains("net_worth_start,,,total,amount,2810.00,CNY,2026-09-30", lines);
        Assert.Contains("net_worth_end,ibkr,,source,amount,14400.00,CNY,2026-10-31", lines);
        Assert.Contains("change,,,total,percent,615.30,,", lines);
        Assert.Contains("holding,ibkr,U123,AAPL (long),unrealised_pnl_converted,3600.00,CNY,", lines);
        Assert.Contains("contribution_total,,,total,converted,1894.00,CNY,", lines);
        Assert.Contains("exchange_rate,wise,,USD/CNY,rate,7.20,CNY,2026-10-20T00:00:00Z", lines);
        Assert.Contains("source,okx,,stale,stale,true,,2026-10-10T04:00:00Z", lines);
        Assert.Contains("asset_class,,,stock,percent,71.64,,2026-10-31T02:00:00Z", lines);
    }

    [Fact]
    public async Task Report_WithoutConfig_IsThePreviousMonthInShanghai_AndPublished()
    {
        // 2026-11-01 06:00 in Shanghai is still October 31 in UTC: a UTC calendar would report September.
        await using var h = await StartAsync();

        var (result, context) = await h.RunAsync("report_generation");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("2026-10", result.Data!["period"]!.GetValue<string>());
        var evt = Assert.Single(h.Host.EventsOfType("data.report.generated"));
        Assert.Equal("portfolio-2026-10-cny", evt.Subject);
        var data = JsonNode.Parse(evt.Data!.Value.GetRawText())!;
        Assert.Equal(("portfolio-2026-10-cny", "CNY"), (S(data["id"]), S(data["currency"])));
        Assert.Equal((2810.00m, 20100.00m, 17290.00m, 1894.00m), (D(data["net_worth_start"]), D(data["net_worth_end"]), D(data["change"]), D(data["contributions"])));
        Assert.Equal(["okx"], data["stale_sources"]!.AsArray().Select(S));
        foreach (var format in new[] { "html", "csv", "json" })
        {
            Assert.Equal(Path.Combine(h.DataDirectory, "reports", $"portfolio-2026-10-cny.{format}"), S(data["files"]![format]));
            Assert.True(File.Exists(S(data["files"]![format])));
        }
        Assert.Contains(context.Lines, l => l.Contains("stale sources: okx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_InAnotherCurrency_ConvertsByThePortfoliosRule()
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10", ["currency"] = "usd" });

        Assert.True(result.Succeeded, result.Error);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-usd.json")))!;
        Assert.Equal("USD", S(r["currency"]));
        // 1500 CNY / 7.20 = 208.333… → 208.33; 50 USDT × 1 = 50 (one direct rate).
        Assert.Equal(["CNY 208.33", "USD 200", "USDT 50"], r["balances"]!.AsArray().Select(b => $"{S(b!["asset"])} {D(b["converted"])}"));
    }

    [Fact]
    public async Task Report_Regenerated_ReplacesItsFiles()
    {
        await using var h = await StartAsync();
        await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });
        await h.PortfolioStore.ReplaceAccountHoldingsAsync("okx", "trading", [new Portfolio.BalanceEntry("USDT", 60m) { AssetClass = "crypto" }], [], DataHarness.Beijing(2026, 11, 1, 5));

        var (result, _) = await h.RunAsync("report_generation", new JsonObject { ["period"] = "2026-10" });

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(h.DataDirectory, "reports")).Length);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.json")))!;
        Assert.Empty(r["sources"]!["stale"]!.AsArray());
    }

    [Theory]
    [InlineData("period", "2026-13")]
    [InlineData("period", "October")]
    [InlineData("currency", "$$")]
    public async Task Report_BadConfig_FailsAsConfigurationError_WritingNothing(string key, string value)
    {
        await using var h = await StartAsync();

        var (result, _) = await h.RunAsync("report_generation", new JsonObject { [key] = value });

        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains($"'{key}'", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(h.DataDirectory, "reports")));
    }

    [Fact]
    public async Task Report_OfAnEmptyPortfolio_StillHasEveryChart()
    {
        await using var h = await DataHarness.StartAsync(ReportFixture.Now);

        var (result, _) = await h.RunAsync("report_generation");

        Assert.True(result.Succeeded, result.Error);
        var html = await File.ReadAllTextAsync(Path.Combine(h.DataDirectory, "reports", "portfolio-2026-10-cny.html"));
        Assert.Equal(3, Regex.Matches(html, "<svg[ >]").Count);
        Assert.Equal(3, Regex.Matches(html, "no data for this period").Count);
        Assert.Equal(0m, result.Data!["net_worth_end"]!.GetValue<decimal>());
    }

    internal static async Task<DataHarness> StartAsync()
    {
        var h = await DataHarness.StartAsync(ReportFixture.Now);
        await ReportFixture.WriteAsync(h.PortfolioStore);
        return h;
    }

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static decimal? D(JsonNode? node) => node?.GetValue<decimal>();

    private static string[] Shares(params (string Key, decimal Amount)[] shares) => shares.Select(s => $"{s.Key} {s.Amount}").ToArray();

    private static string[] Shares(JsonNode? node) => node!.AsArray().Select(s => $"{S(s!["key"])} {D(s["amount"])}").ToArray();
}
