using System.Globalization;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Fund.Tiantian;
using Kairos.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace Kairos.Plugins.Fund.Tests.Tiantian;

public sealed class TiantianHistoryTests
{
    private static readonly DateOnly May1 = new(2024, 5, 1);
    private static readonly DateOnly May31 = new(2024, 5, 31);

    [Fact]
    public async Task GetNavHistory_TwoRecordedPages_FollowsTotalCountAndSendsTheReferer()
    {
        // The fixtures include the "blocked" answer for requests without a Referer: a client that forgets it fails here.
        await using var h = await TiantianHarness.StartAsync(s => s with { HistoryPageSize = 5 });
        h.Load(f => f.Url.AbsolutePath == "/f10/lsjz" && (f.Sequence.Count > 0 || f.Case.StartsWith("error: request blocked", StringComparison.Ordinal)));

        var navs = await h.Client.GetNavHistoryAsync("000001", May1, May31);

        Assert.Equal(7, navs.Count);
        Assert.Equal(new DateOnly(2024, 5, 23), navs[0].Date);
        Assert.Equal(new DateOnly(2024, 5, 31), navs[^1].Date);
        Assert.Equal(1.1200m, navs[0].UnitNav);
        Assert.Equal(3.6200m, navs[0].AccumulatedNav);
        Assert.Equal(-0.97m, navs[0].DailyChangePercent);
        Assert.Equal("开放申购", navs[^1].SubscriptionStatus);
        Assert.Equal("开放赎回", navs[^1].RedemptionStatus);
        Assert.Null(navs[^1].DividendNote);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.All(h.Server.Requests, r => Assert.Equal("https://fundf10.eastmoney.com/jjjz_000001.html", r.Header("Referer")));
        Assert.All(h.Server.Requests, r => Assert.Contains("Mozilla/5.0", r.Header("User-Agent"), StringComparison.Ordinal));
        Assert.Equal(
            "/f10/lsjz?fundCode=000001&pageIndex=2&pageSize=5&startDate=2024-05-01&endDate=2024-05-31&_=1717398000000",
            h.Server.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task GetNavHistory_ServerDemandingTheReferer_AnswersBlockedWithoutIt()
    {
        // The same server as above, asked by a plain client that sends no Referer: this is what the client must avoid.
        await using var h = await TiantianHarness.StartAsync();
        h.Load(f => f.Url.AbsolutePath == "/f10/lsjz" && (f.Sequence.Count > 0 || f.Case.StartsWith("error: request blocked", StringComparison.Ordinal)));
        using var plain = new HttpClient();

        var body = await plain.GetStringAsync(new Uri(h.Server.BaseUri,
            "/f10/lsjz?fundCode=000001&pageIndex=1&pageSize=5&startDate=2024-05-01&endDate=2024-05-31&_=1717398000000"));

        Assert.Contains("\"ErrCode\":-999", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNavHistory_BlockedAnswer_ThrowsBlockedAndStopsCallingTheEndpoint()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Add(new FixtureEntry { Path = "/f10/lsjz", Body = TiantianHarness.Fixture("f10-lsjz.error-no-referer.json") });

        var first = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetNavHistoryAsync("000001", May1, May31));
        var second = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetNavHistoryAsync("000002", May1, May31));

        Assert.Equal(TiantianErrorKind.Blocked, first.Kind);
        Assert.Contains("Referer", first.Message, StringComparison.Ordinal);
        Assert.Equal(TiantianErrorKind.Blocked, second.Kind);
        Assert.Equal("000002", second.FundCode);
        Assert.True(h.Client.HistoryBlocked);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task GetNavHistory_UnknownCodeUnbounded_ThrowsUnknownCode()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Load(f => f.Case.StartsWith("error: unknown fund code", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetNavHistoryAsync("999999", null, null));

        Assert.Equal(TiantianErrorKind.UnknownCode, ex.Kind);
        Assert.Equal("999999", ex.FundCode);
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("/f10/lsjz?fundCode=999999&pageIndex=1&pageSize=20&startDate=&endDate=&_=1717398000000", request.PathAndQuery);
    }

    [Fact]
    public async Task GetNavHistory_EmptyBoundedRange_ReturnsNothingNewInsteadOfUnknown()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Add(new FixtureEntry { Path = "/f10/lsjz", Body = TiantianHarness.Fixture("f10-lsjz.unknown-code.json") });

        var navs = await h.Client.GetNavHistoryAsync("000001", new DateOnly(2024, 6, 1), null);

        Assert.Empty(navs);
    }

    [Theory]
    [InlineData(3, 3)]   // the server says how big its pages are
    [InlineData(3, 20)]  // the server echoes the asked size but caps the rows: only TotalCount is trusted
    public async Task GetNavHistory_ServerGivesFewerRowsThanAsked_FetchesEveryPage(int rowsPerPage, int reportedPageSize)
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { HistoryPageSize = 20 });
        var all = Enumerable.Range(0, 7)
            .Select(i => LsjzBodies.Row($"2024-05-{31 - i:00}", $"1.{1000 + i}", $"3.{6000 + i}", "0.10"))
            .ToArray();
        h.Server.Handle("GET", "/f10/lsjz", ctx =>
        {
            var index = int.Parse(ctx.Request.Query["pageIndex"].ToString(), CultureInfo.InvariantCulture);
            var rows = all.Skip((index - 1) * rowsPerPage).Take(rowsPerPage);
            return ctx.Response.WriteAsync(LsjzBodies.Page(rows, all.Length, reportedPageSize, index));
        });

        var navs = await h.Client.GetNavHistoryAsync("000001", May1, May31);

        Assert.Equal(7, navs.Count);
        Assert.Equal(7, navs.Select(n => n.Date).Distinct().Count());
        Assert.Equal(["1", "2", "3"], h.Server.Requests.Select(r => r.QueryValue("pageIndex")));
        Assert.All(h.Server.Requests, r => Assert.Equal("20", r.QueryValue("pageSize")));
    }

    [Fact]
    public async Task GetNavHistory_ServerIgnoringPageIndex_ThrowsParseInsteadOfLooping()
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { HistoryPageSize = 5 });
        h.Server.Add(new FixtureEntry { Path = "/f10/lsjz", Body = TiantianHarness.Fixture("f10-lsjz.page1.json") });

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetNavHistoryAsync("000001", May1, May31));

        Assert.Equal(TiantianErrorKind.Parse, ex.Kind);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task GetNavHistory_RecordedJsonp_SendsACallbackAndUnwrapsIt()
    {
        await using var h = await TiantianHarness.StartAsync(s => s with { HistoryPageSize = 5, HistoryUseJsonp = true });
        h.Server.Add(new FixtureEntry
        {
            Path = "/f10/lsjz",
            Query = q => q["pageIndex"] == "1" && q.ContainsKey("callback"),
            Body = TiantianHarness.Fixture("f10-lsjz.jsonp.js"),
        });
        h.Server.Add(new FixtureEntry
        {
            Path = "/f10/lsjz",
            Query = q => q["pageIndex"] == "2" && q.ContainsKey("callback"),
            Body = TiantianHarness.Fixture("f10-lsjz.page2.json"),
        });

        var navs = await h.Client.GetNavHistoryAsync("000001", May1, May31);

        Assert.Equal(7, navs.Count);
        Assert.Equal(1.1090m, navs[^1].UnitNav);
        Assert.All(h.Server.Requests, r => Assert.Matches("^jQuery1830[0-9]{16}_1717398000000$", r.QueryValue("callback") ?? ""));
    }

    [Fact]
    public async Task GetNavHistory_KeepsEveryDigitAsDecimal()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Map("GET", "/f10/lsjz", 200, LsjzBodies.Page(
            [
                LsjzBodies.Row("2024-05-31", "1.23456789", "12345.000000001", "-0.0001", fhsp: "每份派现金0.0150元"),
                LsjzBodies.Row("2024-05-30", "", "", ""), // not yet published: skipped
            ],
            totalCount: 2, pageSize: 20, pageIndex: 1));

        var nav = Assert.Single(await h.Client.GetNavHistoryAsync("000001", May1, May31));

        Assert.Equal(1.23456789m, nav.UnitNav);
        Assert.Equal("1.23456789", nav.UnitNav.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("12345.000000001", nav.AccumulatedNav?.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(-0.0001m, nav.DailyChangePercent);
        Assert.Equal("每份派现金0.0150元", nav.DividendNote);
    }

    [Fact]
    public async Task GetMoneyMarketHistory_ReadsIncomePer10KAndSevenDayYield()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Map("GET", "/f10/lsjz", 200, LsjzBodies.Page(
            [
                LsjzBodies.Row("2024-05-31", "0.4521", "1.6540", ""),
                LsjzBodies.Row("2024-05-30", "0.4498", "1.6480", ""),
            ],
            totalCount: 2, pageSize: 20, pageIndex: 1));

        var points = await h.Client.GetMoneyMarketHistoryAsync("000009", May1, May31);

        Assert.Equal(2, points.Count);
        Assert.Equal(new MoneyMarketYieldPoint(new DateOnly(2024, 5, 30), 0.4498m, 1.6480m, "开放申购", "开放赎回"), points[0]);
        Assert.Equal(0.4521m, points[1].IncomePer10KUnits);
        Assert.Equal(1.6540m, points[1].SevenDayAnnualisedYieldPercent);
    }

    [Fact]
    public async Task GetNavHistory_MalformedNumberInARow_ThrowsParseNamingTheRow()
    {
        await using var h = await TiantianHarness.StartAsync();
        h.Server.Map("GET", "/f10/lsjz", 200, LsjzBodies.Page([LsjzBodies.Row("2024-05-31", "1,109")], 1, 20, 1));

        var ex = await Assert.ThrowsAsync<TiantianException>(() => h.Client.GetNavHistoryAsync("000001", May1, May31));

        Assert.Equal(TiantianErrorKind.Parse, ex.Kind);
        Assert.Contains("2024-05-31", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DWJZ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNavHistory_FromAfterTo_ThrowsArgument()
    {
        await using var h = await TiantianHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetNavHistoryAsync("000001", May31, May1));
        Assert.Empty(h.Server.Requests);
    }
}
