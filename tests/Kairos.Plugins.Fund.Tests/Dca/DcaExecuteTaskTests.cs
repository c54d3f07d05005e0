using Kairos.Plugins.Fund.Dca;
using Kairos.Plugins.Fund.Tests.Support;
using Kairos.Plugins.Fund.Transactions;

namespace Kairos.Plugins.Fund.Tests.Dca;

public sealed class DcaExecuteTaskTests
{
    private static DcaPlan Plan(string id, DcaFrequency frequency, DateTimeOffset created, string start, int? weekday = null, MonthDay? day = null, bool active = true) =>
        new(id, "000001", 1000.00m, frequency, weekday, day, 0.0015m, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), null, active, created, created);

    private static async Task<List<string>> LedgerAsync(FundHarness h) =>
        (await h.Store.GetTransactionsAsync(null, null, default)).Select(t => $"{t.DueDate:MM-dd}>{t.TradeDate:MM-dd} {t.Status}").ToList();

    [Fact]
    public async Task DaysTheServerWasDown_AreCaughtUpAcrossTheNationalDayHoliday_AndAReRunBuysNothingTwice()
    {
        // A daily plan created Friday 2025-09-26; the server was down until Thursday 10-09 at 14:30 (10-01..10-08 closed).
        var created = FundHarness.Beijing(2025, 9, 26, 9, 0);
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 10, 9, 14, 30));
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Daily, created, "2025-09-01"), default);

        var (first, _) = await h.RunAsync(DcaExecuteTask.Id);
        var (second, _) = await h.RunAsync(DcaExecuteTask.Id);

        Assert.True(first.Succeeded, first.Error);
        // Not before the plan existed (09-01 .. 09-25 are not bought); past due dates trade on their day.
        Assert.Equal(["09-26>09-26 pending", "09-29>09-29 pending", "09-30>09-30 pending", "10-09>10-09 pending"], await LedgerAsync(h));
        Assert.Equal(4, first.Data!["purchases"]!.AsArray().Count);
        Assert.True(second.Succeeded);
        Assert.Empty(second.Data!["purchases"]!.AsArray());
        Assert.Equal(4, (await LedgerAsync(h)).Count);
        var events = h.Host.EventsOfType(DcaExecuteTask.ExecutedEvent);
        Assert.Equal(4, events.Count);
        Assert.Equal("000001", events[0].Subject);
        Assert.Equal("1000.00", events[0].Data!.Value.GetProperty("amount").GetString());
        Assert.Equal("dca_buy", (await h.Store.GetTransactionsAsync(null, null, default))[0].Kind);
    }

    [Fact]
    public async Task AfterTheCutOff_TodaysPurchaseTradesOnTheNextTradingDay()
    {
        // Tuesday 2025-09-30 at 15:30 Beijing (07:30 UTC, still 09-30 in any western zone): the next trading day is 10-09.
        var created = FundHarness.Beijing(2025, 9, 29, 9, 0);
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 9, 30, 15, 30));
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Daily, created, "2025-09-29"), default);

        var (result, _) = await h.Fund.RunAsync(DcaExecuteTask.Id, zone: TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["09-29>09-29 pending", "09-30>10-09 pending"], await LedgerAsync(h));
    }

    [Fact]
    public async Task JustBeforeTheCutOff_TodaysPurchaseTradesToday()
    {
        var created = FundHarness.Beijing(2025, 9, 30, 9, 0);
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 9, 30, 14, 59, 59));
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Daily, created, "2025-09-30"), default);

        await h.RunAsync(DcaExecuteTask.Id);

        Assert.Equal(["09-30>09-30 pending"], await LedgerAsync(h));
    }

    [Fact]
    public async Task TodayBeforeADueDate_BuysNothingYet()
    {
        // Monthly on the 1st, created 09-15: 10-01 is a holiday, so the purchase is due 10-09; on 10-08 nothing is due.
        var created = FundHarness.Beijing(2025, 9, 15, 9, 0);
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 10, 8, 14, 30));
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Monthly, created, "2025-09-15", day: new MonthDay(1)), default);

        await h.RunAsync(DcaExecuteTask.Id);
        Assert.Empty(await LedgerAsync(h));
        h.SetTime(FundHarness.Beijing(2025, 10, 9, 14, 30));
        await h.RunAsync(DcaExecuteTask.Id);

        Assert.Equal(["10-09>10-09 pending"], await LedgerAsync(h));
    }

    [Fact]
    public async Task InactivePlan_BuysNothing()
    {
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 10, 9, 14, 30));
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Daily, FundHarness.Beijing(2025, 9, 26), "2025-09-26", active: false), default);

        var (result, _) = await h.RunAsync(DcaExecuteTask.Id);

        Assert.Equal(0, result.Data!["active_plans"]!.GetValue<int>());
        Assert.Empty(await LedgerAsync(h));
    }

    [Fact]
    public async Task CaughtUpPurchaseWhoseNavIsKnown_IsConfirmedAtOnce()
    {
        await using var h = await FundHarness.StartAsync(FundHarness.Beijing(2025, 6, 10, 14, 30));
        await h.Store.UpsertNavsAsync("000001", [new(new DateOnly(2025, 6, 9), 1.1090m, null, null, "", "", null)], FundHarness.Beijing(2025, 6, 9, 20, 0), default);
        await h.Store.InsertPlanAsync(Plan("p1", DcaFrequency.Daily, FundHarness.Beijing(2025, 6, 9, 9, 0), "2025-06-09"), default);

        var (result, _) = await h.RunAsync(DcaExecuteTask.Id);

        Assert.Equal(1, result.Data!["confirmed_purchases"]!.GetValue<int>());
        var t = await h.Store.GetTransactionAsync("dca-p1-20250609", default);
        Assert.Equal((FundTransaction.Confirmed, 900.36m), (t!.Status, t.Shares!.Value));
        Assert.Equal(FundTransaction.Pending, (await h.Store.GetTransactionAsync("dca-p1-20250610", default))!.Status);
    }
}
