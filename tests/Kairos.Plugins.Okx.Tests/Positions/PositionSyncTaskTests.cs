using Kairos.Plugins.Okx.Positions;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Plugins.Portfolio;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Okx.Tests.Positions;

public sealed class PositionSyncTaskTests
{
    private const string Positions = "/api/v5/account/positions";

    private static string Body(params string[] positions) => $$"""{"code":"0","msg":"","data":[{{string.Join(",", positions)}}]}""";

    private static string Position(string instId, string posSide, string pos, string mgnMode = "cross", string instType = "SWAP", string ccy = "USDT", string posId = "1") => $$"""
        {"instId":"{{instId}}","instType":"{{instType}}","mgnMode":"{{mgnMode}}","posSide":"{{posSide}}","pos":"{{pos}}","avgPx":"100.5","markPx":"101",
         "upl":"-1.25","notionalUsd":"","lever":"3","ccy":"{{ccy}}","posId":"{{posId}}","uTime":"1717401500000","liqPx":""}
        """;

    [Fact]
    public async Task OpenPositions_BecomeThePositionsAccount_NotCountedTwiceInNetWorth_AndTheEventIsPublished()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Serve(Positions, "account-positions.json");

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        var position = Assert.Single(await h.Store.GetPositionsAsync("okx"));
        Assert.Equal(("positions", "BTC-USDT-SWAP", "swap", PositionSide.Long, 10m, "USDT"),
            (position.AccountId, position.InstrumentId, position.InstrumentKind, position.Side, position.Quantity, position.Currency));
        Assert.Equal((67250.4m, 68003.3m, 7.529m, (decimal?)null, false),
            (position.AverageCost, position.Price, position.UnrealisedPnl, position.MarketValue, position.CountsInNetWorth));
        Assert.Equal("BTC-USDT-SWAP (isolated, 5x)", position.Name);
        Assert.Single(h.Server.AcceptedSignatures);
        Assert.Null(h.RequestsTo(Positions)[0].QueryValue("instType")); // every type

        var data = Assert.Single(h.Events(PositionSyncTask.SyncedEvent)).Data!.Value;
        var synced = Assert.Single(data.GetProperty("positions").EnumerateArray());
        Assert.Equal(("BTC-USDT-SWAP", "SWAP", "long", 10m, 680.12m, "1234567890123456789"),
            (synced.GetProperty("instrument_id").GetString(), synced.GetProperty("instrument_type").GetString(), synced.GetProperty("side").GetString(),
             synced.GetProperty("quantity").GetDecimal(), synced.GetProperty("notional_usd").GetDecimal(), synced.GetProperty("position_id").GetString()));
        Assert.Equal(1, data.GetProperty("added").GetInt32());
        h.AssertSecretsNeverLeaked();
    }

    [Fact]
    public async Task SecondIdenticalSync_ChangesNothing()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Serve(Positions, "account-positions.json");
        await h.RunAsync(PositionSyncTask.Id);
        var before = await h.RowsAsync("SELECT * FROM portfolio_positions");

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((0, 0, 0, 1), ((int)OkxPluginHarness.Data(result)["added"]!, (int)OkxPluginHarness.Data(result)["updated"]!,
            (int)OkxPluginHarness.Data(result)["removed"]!, (int)OkxPluginHarness.Data(result)["unchanged"]!));
        Assert.Equal(before, await h.RowsAsync("SELECT * FROM portfolio_positions"));
    }

    [Fact]
    public async Task ClosedPosition_Disappears()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.AddSequence(
            h.Server.Signed(new FixtureEntry { Path = Positions, Body = FakeOkx.Fixture("account-positions.json") }),
            h.Server.SignedBody(Positions, Body()));
        await h.RunAsync(PositionSyncTask.Id);

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(await h.Store.GetPositionsAsync("okx"));
        Assert.Equal(1, (int)OkxPluginHarness.Data(result)["removed"]!);
        Assert.Equal(2, h.Events(PositionSyncTask.SyncedEvent).Count);
    }

    [Fact]
    public async Task Sides_NetShortLongShort_AndTwoMarginModesOnOneSide_AreKeptApart()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.Add(h.Server.SignedBody(Positions, Body(
            Position("ETH-USDT-SWAP", "net", "-3"),
            Position("BTC-USD-240628", "long", "2", instType: "FUTURES", ccy: "BTC"),
            Position("BTC-USD-240628", "short", "1", instType: "FUTURES", ccy: "BTC"),
            Position("SOL-USDT-SWAP", "long", "5", mgnMode: "isolated", posId: "7"),
            Position("SOL-USDT-SWAP", "long", "4", mgnMode: "cross", posId: "8"),
            Position("XRP-USDT-SWAP", "net", "0"))));

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
        [
            "BTC-USD-240628 future Long 2 BTC",
            "BTC-USD-240628 future Short 1 BTC",
            "ETH-USDT-SWAP swap Short 3 USDT",
            "SOL-USDT-SWAP:cross swap Long 4 USDT",
            "SOL-USDT-SWAP:isolated swap Long 5 USDT",
        ], (await h.Store.GetPositionsAsync("okx")).Select(p => $"{p.InstrumentId} {p.InstrumentKind} {p.Side} {p.Quantity} {p.Currency}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadKey_FailsWithACredentialsError_AndTheStoredPositionsStay()
    {
        await using var h = await OkxPluginHarness.StartAsync();
        h.Server.Server.AddSequence(
            h.Server.Signed(new FixtureEntry { Path = Positions, Body = FakeOkx.Fixture("account-positions.json") }),
            h.Server.SignedBody(Positions, """{"code":"50119","data":[],"msg":"API key doesn't exist"}"""));
        await h.RunAsync(PositionSyncTask.Id);

        var (result, _) = await h.RunAsync(PositionSyncTask.Id);

        Assert.Equal("CredentialsError", result.ErrorType);
        Assert.Contains("unchanged", result.Error, StringComparison.Ordinal);
        Assert.Single(await h.Store.GetPositionsAsync("okx"));
        Assert.Equal(2, h.RequestsTo(Positions).Count);
    }
}
