using Kairos.Plugins.Okx.Client.Errors;
using Kairos.Plugins.Okx.Tests.Support;
using Kairos.Testing.Http;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxClientAccountTests
{
    [Fact]
    public async Task GetTradingBalanceAsync_reads_the_signed_trading_account()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/balance", "success (spot mode account)");

        var balance = await okx.Client.GetTradingBalanceAsync();

        Assert.Equal(5372.4876m, balance.TotalEquityUsd);
        Assert.Null(balance.AdjustedEquityUsd); // "" on the wire
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717401600456), balance.UpdatedAt);
        Assert.Equal(["USDT", "BTC"], balance.Currencies.Select(c => c.Currency));
        var usdt = balance.Currencies[0];
        Assert.Equal("2514.83720000", usdt.Equity!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2402.3372m, usdt.AvailableBalance);
        Assert.Equal(112.5m, usdt.FrozenBalance);
        Assert.Equal(2514.3342m, usdt.EquityUsd);
        Assert.Equal(2514.8372m, usdt.CashBalance);
        Assert.Null(usdt.Liability);
        var btc = balance.Currencies[1];
        Assert.Equal(0.0421m, btc.Equity);
        Assert.Equal(2858.1534m, btc.EquityUsd);
        Assert.Equal(0m, btc.FrozenBalance);

        // The server verified the signature; exactly one signed request after one clock measurement.
        Assert.Single(okx.AcceptedSignatures);
        Assert.Single(okx.Server.RequestsTo("/api/v5/public/time"));
        var request = Assert.Single(okx.Server.RequestsTo("/api/v5/account/balance"));
        Assert.Null(request.Header("x-simulated-trading"));
    }

    [Fact]
    public async Task GetFundingBalancesAsync_reads_the_funding_account_with_a_currency_filter()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/asset/balances", "success (funding account)");

        var balances = await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);

        Assert.Equal(2, balances.Count);
        Assert.Equal(("USDT", 1250.5m, 1250.5m, 0m), (balances[0].Currency, balances[0].Balance!.Value, balances[0].AvailableBalance!.Value, balances[0].FrozenBalance!.Value));
        Assert.Equal(("ETH", 0.02m, 0.015m, 0.005m), (balances[1].Currency, balances[1].Balance!.Value, balances[1].AvailableBalance!.Value, balances[1].FrozenBalance!.Value));
        Assert.Equal("/api/v5/asset/balances?ccy=USDT,ETH", okx.Server.RequestsTo("/api/v5/asset/balances").Single().PathAndQuery);
    }

    [Fact]
    public async Task Numbers_parse_exactly_and_empty_strings_become_null()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Add(okx.SignedBody("/api/v5/asset/balances",
            """{"code":"0","msg":"","data":[{"ccy":"BTC","bal":"0.00000001","availBal":"","frozenBal":"0.000000000000000001"}]}"""));

        var balance = Assert.Single(await okx.Client.GetFundingBalancesAsync());

        Assert.Equal(0.00000001m, balance.Balance);
        Assert.Equal("0.00000001", balance.Balance!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(balance.AvailableBalance);
        Assert.Equal(0.000000000000000001m, balance.FrozenBalance);
    }

    [Fact]
    public async Task GetPositionsAsync_reads_net_positions()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/account/positions", "success");

        var position = Assert.Single(await okx.Client.GetPositionsAsync("SWAP"));

        Assert.Equal("BTC-USDT-SWAP", position.InstrumentId);
        Assert.Equal("SWAP", position.InstrumentType);
        Assert.Equal("net", position.PositionSide);
        Assert.Equal("isolated", position.MarginMode);
        Assert.Equal(10m, position.Quantity);
        Assert.Equal(10m, position.SignedQuantity);
        Assert.Equal(67250.4m, position.AveragePrice);
        Assert.Equal(68003.3m, position.MarkPrice);
        Assert.Equal(7.529m, position.UnrealizedPnl);
        Assert.Equal(680.12m, position.NotionalUsd);
        Assert.Equal("1234567890123456789", position.PositionId);
        Assert.Null(position.PositionCurrency);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717401500000), position.UpdatedAt);
    }

    [Fact]
    public async Task GetPositionsAsync_keeps_long_and_short_sides_apart()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Server.Add(okx.SignedBody("/api/v5/account/positions", """
            {"code":"0","msg":"","data":[
              {"instId":"ETH-USDT-SWAP","instType":"SWAP","posSide":"long","pos":"3","avgPx":"3700.1","upl":"","posId":"1"},
              {"instId":"ETH-USDT-SWAP","instType":"SWAP","posSide":"short","pos":"2","avgPx":"3800","upl":"-1.5","posId":"2"},
              {"instId":"BTC-USDT-SWAP","instType":"SWAP","posSide":"net","pos":"-4","avgPx":"68000","upl":"0","posId":"3"}]}
            """));

        var positions = await okx.Client.GetPositionsAsync();

        Assert.Equal(["long", "short", "net"], positions.Select(p => p.PositionSide));
        Assert.Equal([3m, -2m, -4m], positions.Select(p => p.SignedQuantity!.Value));
        Assert.Null(positions[0].UnrealizedPnl);
        Assert.Equal("/api/v5/account/positions", okx.Server.RequestsTo("/api/v5/account/positions").Single().PathAndQuery);
    }

    [Fact]
    public async Task Simulated_trading_sends_the_demo_header_on_every_request()
    {
        await using var okx = await OkxHarness.StartAsync(s => new() { BaseUrl = s.BaseUrl, ApiKey = s.ApiKey, SecretKey = s.SecretKey, Passphrase = s.Passphrase, Simulated = true });
        okx.Load("/api/v5/account/balance", "success (spot mode account)");

        await okx.Client.GetTradingBalanceAsync();

        Assert.All(okx.Server.Requests, r => Assert.Equal("1", r.Header("x-simulated-trading")));
        Assert.Equal(2, okx.Server.Requests.Count);
    }

    [Fact]
    public async Task Private_calls_without_credentials_fail_before_any_request()
    {
        await using var okx = await OkxHarness.StartAsync(s => new() { BaseUrl = s.BaseUrl });

        var error = await Assert.ThrowsAsync<OkxCredentialsException>(() => okx.Client.GetTradingBalanceAsync());

        Assert.Contains("Plugins:okx:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(okx.Server.Requests);
    }
}
