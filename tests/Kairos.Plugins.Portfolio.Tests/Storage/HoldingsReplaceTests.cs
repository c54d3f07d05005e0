using Kairos.Plugins.Portfolio.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kairos.Plugins.Portfolio.Tests.Storage;

public sealed class HoldingsReplaceTests
{
    private static readonly DateTimeOffset Day1 = new(2025, 6, 9, 8, 0, 0, TimeSpan.Zero);   // 16:00 Shanghai, 2025-06-09
    private static readonly DateTimeOffset Day2 = new(2025, 6, 10, 8, 0, 0, TimeSpan.Zero);

    private static PositionEntry Fund(string code, decimal shares, decimal value) =>
        new(code, "fund", PositionSide.Long, shares, "CNY") { MarketValue = value, Price = 1.2345m, AverageCost = 1.1m, UnrealisedPnl = 1m, Name = "基金" + code };

    [Fact]
    public async Task Replace_FirstSync_StoresEveryDigitAsText()
    {
        await using var h = await PortfolioHarness.StartAsync();
        var result = await h.Store.ReplaceAccountHoldingsAsync("okx", "trading",
            [new BalanceEntry("btc", 0.000000000000000001m) { Available = 0.000000000000000001m, Frozen = 0m, AssetClass = "crypto" }],
            [Fund("000001", 1234.56m, 1524.0360m)], Day1);

        Assert.Equal(new HoldingsReplaceResult(true, 2, 0, 0, 0), result);
        var balance = Assert.Single(await h.Store.GetBalancesAsync("okx"));
        Assert.Equal("BTC", balance.Asset);
        Assert.Equal("crypto", balance.AssetClass);
        Assert.Equal(0.000000000000000001m, balance.Total);
        Assert.Equal(Day1, balance.AsOf);
        var raw = await h.QueryAsync("SELECT total, typeof(total), frozen FROM portfolio_balances");
        Assert.Equal(new object?[] { "0.000000000000000001", "text", "0" }, raw[0]);
        var position = Assert.Single(await h.Store.GetPositionsAsync());
        Assert.Equal("1524.0360", position.MarketValue!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var account = Assert.Single(await h.Store.GetAccountsAsync());
        Assert.Equal(Day1, account.SyncedAt);
    }

    [Fact]
    public async Task Replace_SameHoldingsAgain_ChangesNothing()
    {
        await using var h = await PortfolioHarness.StartAsync();
        BalanceEntry[] balances = [new("CNY", 100.50m), new("USD", 10m)];
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", balances, [Fund("000001", 10m, 12.35m)], Day1);

        // 100.5 == 100.50: equal values sent with another scale are the same value.
        var again = await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 100.5m), new("USD", 10.00m)], [Fund("000001", 10m, 12.35m)], Day2);

        Assert.Equal(new HoldingsReplaceResult(true, 0, 0, 0, 3), again);
        Assert.All(await h.Store.GetBalancesAsync(), b => Assert.Equal(Day1, b.AsOf));
        Assert.Equal("100.50", (await h.QueryAsync("SELECT total FROM portfolio_balances WHERE asset = 'CNY'"))[0][0]);
        Assert.Equal(Day2, (await h.Store.GetAccountsAsync())[0].SyncedAt);
    }

    [Fact]
    public async Task Replace_ClosedPosition_DisappearsFromCurrentButStaysInTheSnapshotOfItsDay()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("fund", "default", [], [Fund("000001", 10m, 12m), Fund("110022", 5m, 8m)], Day1);

        var result = await h.Store.ReplaceAccountHoldingsAsync("fund", "default", [], [Fund("000001", 12m, 15m)], Day2);

        Assert.Equal(new HoldingsReplaceResult(true, 0, 1, 1, 0), result);
        var current = Assert.Single(await h.Store.GetPositionsAsync("fund"));
        Assert.Equal("000001", current.InstrumentId);
        Assert.Equal(12m, current.Quantity);
        var snapshots = await h.QueryAsync("SELECT snapshot_date, instrument_id, quantity FROM portfolio_position_snapshots ORDER BY snapshot_date, instrument_id");
        Assert.Equal(
            new[] { new[] { "2025-06-09", "000001", "10" }, ["2025-06-09", "110022", "5"], ["2025-06-10", "000001", "12"] },
            snapshots.Select(r => r.Cast<string>().ToArray()).ToArray());
    }

    [Fact]
    public async Task Replace_LongAndShortOfOneInstrument_Coexist()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("okx", "trading", [],
        [
            new("BTC-USDT-SWAP", "swap", PositionSide.Long, 2m, "USDT") { CountsInNetWorth = false },
            new("BTC-USDT-SWAP", "swap", PositionSide.Short, 1m, "USDT") { CountsInNetWorth = false },
        ], Day1);

        var positions = await h.Store.GetPositionsAsync("okx");

        Assert.Equal(new[] { PositionSide.Long, PositionSide.Short }, positions.Select(p => p.Side).ToArray());
        Assert.Equal(new[] { "long", "short" }, (await h.QueryAsync("SELECT side FROM portfolio_positions ORDER BY side")).Select(r => (string)r[0]!).ToArray());
    }

    [Fact]
    public async Task Replace_DuplicateEntry_IsRefusedBeforeAnythingChanges()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 1m)], [], Day1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("USD", 2m), new("usd", 3m)], [], Day2));

        Assert.Contains("USD is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Equal("CNY", Assert.Single(await h.Store.GetBalancesAsync()).Asset);
        Assert.Equal(Day1, (await h.Store.GetAccountsAsync())[0].SyncedAt);
    }

    [Fact]
    public async Task Replace_FailingHalfwayThroughTheWrite_ChangesNothing()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("fund", "default", [new("CNY", 1m)], [Fund("000001", 10m, 12m)], Day1);
        // The database refuses the second position of the next sync: balances and the first position are already written by then.
        await h.QueryAsync("CREATE TRIGGER test_fail BEFORE INSERT ON portfolio_positions WHEN NEW.instrument_id = '999999' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");

        await Assert.ThrowsAsync<SqliteException>(() => h.Store.ReplaceAccountHoldingsAsync("fund", "default",
            [new("CNY", 5m), new("USD", 1m)], [Fund("000001", 20m, 24m), Fund("999999", 1m, 1m)], Day2));

        Assert.Equal(1m, Assert.Single(await h.Store.GetBalancesAsync()).Total);
        Assert.Equal(10m, Assert.Single(await h.Store.GetPositionsAsync()).Quantity);
        Assert.Equal(Day1, (await h.Store.GetAccountsAsync())[0].SyncedAt);
        Assert.Equal(new[] { "2025-06-09" }, (await h.QueryAsync("SELECT DISTINCT snapshot_date FROM portfolio_position_snapshots")).Select(r => (string)r[0]!).ToArray());
    }

    [Fact]
    public async Task Replace_OlderThanTheStoredSync_IsIgnored()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 2m)], [], Day2);

        var late = await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 1m)], [], Day1);

        Assert.False(late.Applied);
        Assert.Contains("newer sync", late.SkippedReason, StringComparison.Ordinal);
        Assert.Equal(2m, Assert.Single(await h.Store.GetBalancesAsync()).Total);
    }

    [Fact]
    public async Task Replace_SecondSyncOfTheDay_ReplacesThatDaysSnapshot()
    {
        await using var h = await PortfolioHarness.StartAsync();
        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 1m), new("USD", 1m)], [], Day1);

        await h.Store.ReplaceAccountHoldingsAsync("wise", "p1", [new("CNY", 3m)], [], Day1.AddHours(2));

        Assert.Equal(new[] { new[] { "2025-06-09", "CNY", "3" } },
            (await h.QueryAsync("SELECT snapshot_date, asset, total FROM portfolio_balance_snapshots")).Select(r => r.Cast<string>().ToArray()).ToArray());
    }
}
