using Kairos.Plugins.Portfolio.Tests.Support;

namespace Kairos.Plugins.Portfolio.Tests.Storage;

public sealed class TransactionTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static PortfolioTransaction Tx(string id, int hour, decimal amount = -100m, string kind = TransactionKinds.Buy, string source = "okx") =>
        new(source, id, "main", T0.AddHours(hour), kind, amount, "usdt") { Fee = 0.1m, InstrumentId = "BTC-USDT", Quantity = 0.001m, Price = 100000m };

    [Fact]
    public async Task Upsert_SameExternalIdAgain_IsStoredOnce()
    {
        await using var h = await PortfolioHarness.StartAsync();

        var first = await h.Store.UpsertTransactionsAsync([Tx("a", 1), Tx("b", 2)]);
        var again = await h.Store.UpsertTransactionsAsync([Tx("a", 1), Tx("b", 2) with { Amount = -100.00m }]);
        var changed = await h.Store.UpsertTransactionsAsync([Tx("a", 1) with { Description = "corrected" }]);

        Assert.Equal(new TransactionUpsertResult(2, 0, 0), first);
        Assert.Equal(new TransactionUpsertResult(0, 0, 2), again);
        Assert.Equal(new TransactionUpsertResult(0, 1, 0), changed);
        Assert.Equal(2, (await h.QueryAsync("SELECT COUNT(*) FROM portfolio_transactions"))[0][0] is long n ? (int)n : -1);
        var page = await h.Store.GetTransactionsAsync(new TransactionQuery());
        Assert.Equal("corrected", page.Items.Single(t => t.ExternalId == "a").Description);
        Assert.Equal("USDT", page.Items[0].Currency);
    }

    [Fact]
    public async Task Upsert_SameExternalIdFromAnotherSource_IsAnotherTransaction()
    {
        await using var h = await PortfolioHarness.StartAsync();

        var result = await h.Store.UpsertTransactionsAsync([Tx("a", 1), Tx("a", 1, source: "wise")]);

        Assert.Equal(2, result.Inserted);
    }

    [Fact]
    public async Task Upsert_UnknownKind_IsRefusedNamingTheKnownKinds()
    {
        await using var h = await PortfolioHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Store.UpsertTransactionsAsync([Tx("ok", 1), Tx("bad", 2, kind: "purchase")]));

        Assert.Contains("'purchase'", error.Message, StringComparison.Ordinal);
        Assert.Contains("buy, sell, dca_buy, dividend, deposit, withdrawal, transfer, fee, fx, other", error.Message, StringComparison.Ordinal);
        Assert.Empty((await h.Store.GetTransactionsAsync(new TransactionQuery())).Items);
    }

    [Fact]
    public async Task GetTransactions_PagesNewestFirstWithACursor_EvenThroughEqualTimes()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.UpsertTransactionsAsync([Tx("a", 1), Tx("b", 2), Tx("c", 2), Tx("d", 2), Tx("e", 3)]);

        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await h.Store.GetTransactionsAsync(new TransactionQuery { Limit = 2, Cursor = cursor });
            ids.AddRange(page.Items.Select(t => t.ExternalId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["e", "b", "c", "d", "a"], ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task GetTransactions_SinceUntilAndSource_Filter()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.UpsertTransactionsAsync([Tx("a", 1), Tx("b", 2), Tx("c", 3), Tx("d", 2, source: "wise")]);

        var page = await h.Store.GetTransactionsAsync(new TransactionQuery { Source = "okx", Since = T0.AddHours(2), Until = T0.AddHours(3) });

        Assert.Equal("b", Assert.Single(page.Items).ExternalId);
    }

    [Fact]
    public async Task GetTransactions_ForeignCursor_IsRefused()
    {
        await using var h = await PortfolioHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Store.GetTransactionsAsync(new TransactionQuery { Cursor = "not-a-cursor" }));

        Assert.Equal("cursor", error.ParamName);
    }
}
