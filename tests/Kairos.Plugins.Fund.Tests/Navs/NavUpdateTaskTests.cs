using System.Text.Json;
using System.Text.Json.Nodes;
using Kairos.Plugins.Fund.Funds;
using Kairos.Plugins.Fund.Navs;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Fund.Transactions;

namespace Kairos.Plugins.Fund.Tests.Navs;

public sealed class NavUpdateTaskTests
{
    private static readonly DateTimeOffset Now = FundHarness.Beijing(2025, 6, 12, 15, 30);

    private static void PublishHistory(FakeTiantian source) => source
        .Nav("000001", "2025-06-05", "1.1000", "3.6000")
        .Nav("000001", "2025-06-06", "1.1010", "3.6010")
        .Nav("000001", "2025-06-09", "1.1090", "3.6090")
        .Nav("000001", "2025-06-10", "1.1040", "3.6040")
        .Nav("000001", "2025-06-11", "1.12000", "3.6200")
        .Estimate("000001", "华夏成长混合", "2025-06-11", "1.1200", "1.1252", "0.46", "2025-06-12 15:00");

    [Fact]
    public async Task Run_StoresEveryNavExactlyAcrossPages_AndTheEstimate_AndPublishes()
    {
        await using var h = await FundHarness.StartAsync(Now);
        PublishHistory(h.Source);
        await h.Store.FollowAsync("000001", FundKind.Standard, Now, default);

        var (result, _) = await h.RunAsync(NavUpdateTask.Id, new JsonObject { ["fund_codes"] = new JsonArray("000001"), ["update_all"] = false });

        Assert.True(result.Succeeded, result.Error);
        var navs = await h.QueryNavsAsync("000001");
        Assert.Equal(["2025-06-05 1.1000", "2025-06-06 1.1010", "2025-06-09 1.1090", "2025-06-10 1.1040", "2025-06-11 1.12000"], navs);
        // The source pages by 3 whatever is asked (20): two requests, both with the Referer.
        var history = h.Server.RequestsTo("/f10/lsjz");
        Assert.Equal(2, history.Count);
        Assert.Equal(["1", "2"], history.Select(r => r.QueryValue("pageIndex")));
        var estimate = await h.Store.GetEstimateAsync("000001", default);
        Assert.Equal(1.1252m, estimate!.EstimatedNav);
        Assert.Equal("华夏成长混合", (await h.Store.GetFundAsync("000001", default))!.Name);
        var evt = Assert.Single(h.Host.EventsOfType(NavUpdateTask.UpdatedEvent));
        Assert.Equal("fund", evt.Source);
        var fund = evt.Data!.Value.GetProperty("funds")[0];
        Assert.Equal(5, fund.GetProperty("new_dates").GetInt32());
        Assert.Equal("1.12000", fund.GetProperty("latest_value").GetString());
    }

    [Fact]
    public async Task SecondRun_AsksOnlyForDatesAfterTheLastStored()
    {
        await using var h = await FundHarness.StartAsync(Now);
        PublishHistory(h.Source);
        await h.Store.FollowAsync("000001", FundKind.Standard, Now, default);
        await h.RunAsync(NavUpdateTask.Id);
        h.Source.Nav("000001", "2025-06-12", "1.1300");
        h.SetTime(Now.AddDays(1));

        var (result, _) = await h.RunAsync(NavUpdateTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var last = h.Server.RequestsTo("/f10/lsjz")[^1];
        Assert.Equal("2025-06-12", last.QueryValue("startDate"));
        Assert.Equal(1, result.Data!["funds"]![0]!["new_dates"]!.GetValue<int>());
        Assert.Equal(6, (await h.QueryNavsAsync("000001")).Count);
    }

    [Fact]
    public async Task SomeFundsFail_TheOthersAreStored_AndTheRunFailsNamingEachAndWhy()
    {
        await using var h = await FundHarness.StartAsync(Now);
        PublishHistory(h.Source);
        h.Source.Broken("000003");
        foreach (var code in new[] { "000001", "000002", "000003" })
        {
            await h.Store.FollowAsync(code, FundKind.Standard, Now, default);
        }

        var (result, context) = await h.RunAsync(NavUpdateTask.Id, JsonNode.Parse("""{"retry_times": 1}""")!.AsObject());

        Assert.False(result.Succeeded);
        Assert.Equal("FundUpdateFailed", result.ErrorType);
        Assert.Contains("2 of 3 fund(s) failed", result.Error, StringComparison.Ordinal);
        Assert.Contains("000002 (unknown_code)", result.Error, StringComparison.Ordinal);
        Assert.Contains("000003 (parse)", result.Error, StringComparison.Ordinal);
        Assert.Equal(5, (await h.QueryNavsAsync("000001")).Count);
        var failed = result.Data!["failed"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(["000002", "000003"], failed);
        // The malformed answer was retried once (retry_times 1): two requests for 000003's history.
        Assert.Equal(2, h.Server.RequestsTo("/f10/lsjz").Count(r => r.QueryValue("fundCode") == "000003"));
        Assert.Single(h.Host.EventsOfType(NavUpdateTask.UpdatedEvent));
        Assert.Contains(context.Lines, l => l.Contains("000002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DataSourceOtherThanTiantian_IsAClearConfigurationError()
    {
        await using var h = await FundHarness.StartAsync(Now);
        var task = h.Fund.Tasks.Single(t => t.TaskId == NavUpdateTask.Id);

        var schemaErrors = task.ConfigSchema!.Validate(new JsonObject { ["data_source"] = "akshare" });
        var (result, _) = await h.Fund.RunAsync(NavUpdateTask.Id, new JsonObject { ["data_source"] = "akshare" }, validate: false);

        Assert.Equal("must be one of tiantian", schemaErrors["data_source"]);
        Assert.False(result.Succeeded);
        Assert.Equal("ConfigurationError", result.ErrorType);
        Assert.Contains("'akshare' is not supported", result.Error, StringComparison.Ordinal);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task MoneyMarketFund_StoresIncomePer10kAndYield_NeverAsNavs()
    {
        await using var h = await FundHarness.StartAsync(Now);
        h.Source.Nav("000009", "2025-06-10", "0.4521", "1.6340").Nav("000009", "2025-06-11", "0.4498", "1.6290");
        await h.Store.FollowAsync("000009", FundKind.MoneyMarket, Now, default);

        var (result, _) = await h.RunAsync(NavUpdateTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(await h.QueryNavsAsync("000009"));
        var latest = await h.Store.GetLatestYieldAsync("000009", default);
        Assert.Equal(0.4498m, latest!.IncomePer10K);
        Assert.Equal(1.6290m, latest.SevenDayYieldPercent);
        Assert.Empty(h.Server.RequestsTo("/js/000009.js"));
    }

    [Fact]
    public async Task NewNav_ConfirmsThePendingPurchaseOfItsTradeDate()
    {
        await using var h = await FundHarness.StartAsync(Now);
        PublishHistory(h.Source);
        await h.Store.TryInsertTransactionAsync(new FundTransaction("dca-p-20250610", "000001", "dca_buy", FundTransaction.Pending, "p", new DateOnly(2025, 6, 10),
            new DateOnly(2025, 6, 10), 1000.00m, 0.0015m, null, null, null, null, null, null, Now, null), default);
        await h.Store.TryInsertTransactionAsync(new FundTransaction("dca-p-20250612", "000001", "dca_buy", FundTransaction.Pending, "p", new DateOnly(2025, 6, 12),
            new DateOnly(2025, 6, 12), 1000.00m, 0.0015m, null, null, null, null, null, null, Now, null), default);

        var (result, _) = await h.RunAsync(NavUpdateTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(1, result.Data!["confirmed_purchases"]!.GetValue<int>());
        var confirmed = await h.Store.GetTransactionAsync("dca-p-20250610", default);
        // 1000 / 1.0015 → 998.50, fee 1.50, 998.50 / 1.1040 → 904.43
        Assert.Equal((FundTransaction.Confirmed, 998.50m, 1.50m, 1.1040m, 904.43m), (confirmed!.Status, confirmed.NetAmount!.Value, confirmed.Fee!.Value, confirmed.Nav!.Value, confirmed.Shares!.Value));
        Assert.Equal(FundTransaction.Pending, (await h.Store.GetTransactionAsync("dca-p-20250612", default))!.Status);
    }

    [Fact]
    public async Task FirstFetch_ReachesBackToTheOldestPendingPurchase()
    {
        await using var h = await FundHarness.StartAsync(Now, new Dictionary<string, string?> { ["InitialHistoryDays"] = "3" });
        PublishHistory(h.Source);
        await h.Store.TryInsertTransactionAsync(new FundTransaction("dca-p-20250606", "000001", "dca_buy", FundTransaction.Pending, "p", new DateOnly(2025, 6, 6),
            new DateOnly(2025, 6, 6), 100m, 0m, null, null, null, null, null, null, Now, null), default);

        await h.RunAsync(NavUpdateTask.Id);

        Assert.Equal("2025-06-06", h.Server.RequestsTo("/f10/lsjz")[0].QueryValue("startDate"));
        Assert.Equal(FundTransaction.Confirmed, (await h.Store.GetTransactionAsync("dca-p-20250606", default))!.Status);
    }
}
