using System.Globalization;
using Kairos.Plugins.Okx.Tests.Support;

namespace Kairos.Plugins.Okx.Tests.Client;

public class OkxClockTests
{
    [Fact]
    public async Task With_the_server_clock_an_hour_ahead_the_signed_timestamp_lands_within_5_seconds_of_server_time()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.ServerClockOffset = TimeSpan.FromHours(1);
        okx.Load("/api/v5/account/balance", "success (spot mode account)");

        await okx.Client.GetTradingBalanceAsync();

        var (timestamp, serverTime) = Assert.Single(okx.AcceptedSignatures);
        var sent = DateTimeOffset.ParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.True((sent - serverTime).Duration() <= TimeSpan.FromSeconds(5), $"sent {sent:O}, server {serverTime:O}");
        Assert.True((sent - okx.Time.GetUtcNow()).Duration() >= TimeSpan.FromMinutes(59), "the timestamp must not be the local clock");
        Assert.Equal(TimeSpan.FromHours(1), okx.Client.ClockOffset);
    }

    [Fact]
    public async Task With_the_server_clock_an_hour_behind_the_offset_is_negative()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.ServerClockOffset = TimeSpan.FromHours(-1);
        okx.Load("/api/v5/asset/balances", "success (funding account)");

        await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);

        Assert.Equal(TimeSpan.FromHours(-1), okx.Client.ClockOffset);
        Assert.Single(okx.AcceptedSignatures);
    }

    [Fact]
    public async Task The_offset_is_measured_once_and_again_after_the_resync_interval()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/asset/balances", "success (funding account)");

        await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);
        await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);
        Assert.Single(okx.Server.RequestsTo("/api/v5/public/time"));

        okx.Time.Advance(okx.Settings.ClockResyncInterval);
        await okx.Client.GetFundingBalancesAsync(["USDT", "ETH"]);
        Assert.Equal(2, okx.Server.RequestsTo("/api/v5/public/time").Count);
    }

    [Fact]
    public async Task Public_calls_do_not_measure_the_clock()
    {
        await using var okx = await OkxHarness.StartAsync();
        okx.Load("/api/v5/market/ticker", "success");

        await okx.Client.GetTickerAsync("BTC-USDT");

        Assert.Empty(okx.Server.RequestsTo("/api/v5/public/time"));
        Assert.Null(okx.Client.ClockOffset);
    }
}
