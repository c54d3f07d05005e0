using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseRatesTests
{
    [Fact]
    public async Task GetCurrentRate_ParsesRateAndTheColonlessOffset()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Case == "success (current rate)");

        var rate = await h.Client.GetCurrentRateAsync("EUR", "USD");

        Assert.Equal(new WiseRate("EUR", "USD", 1.0842m, new DateTimeOffset(2024, 6, 3, 8, 0, 12, TimeSpan.Zero)), rate);
        h.AssertTokenNeverLeaked(rate);
    }

    [Fact]
    public async Task GetCurrentRate_EmptyArray_ReturnsNull()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Server.Map("GET", "/v1/rates", 200, "[]");

        Assert.Null(await h.Client.GetCurrentRateAsync("EUR", "CNY"));
    }

    [Fact]
    public async Task GetRateHistory_ByDay_SendsTheRecordedQuery()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Case == "success (history, group=day)");

        var rates = await h.Client.GetRateHistoryAsync("EUR", "USD", new DateOnly(2024, 5, 29), new DateOnly(2024, 5, 31));

        Assert.Equal([1.0801m, 1.0822m, 1.0853m], rates.Select(r => r.Rate));
        Assert.Equal(new DateTimeOffset(2024, 5, 31, 0, 0, 0, TimeSpan.Zero), rates[^1].Time);
        Assert.Equal("/v1/rates?source=EUR&target=USD&from=2024-05-29&to=2024-05-31&group=day", Assert.Single(h.Server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task GetCurrentRate_RecordedBadRequest_ThrowsRequestErrorWithWisesMessage()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(f => f.Case == "error: invalid parameters");

        // XXX passes our format check (three capitals) and is refused by Wise itself.
        var ex = await Assert.ThrowsAsync<WiseRequestException>(() => h.Client.GetCurrentRateAsync("EUR", "XXX"));

        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("Invalid parameters", ex.Message, StringComparison.Ordinal);
        Assert.Equal("3f1c0a9be2d84c77a1e0c6d5b4a39281", ex.TraceId);
        Assert.Single(h.Server.Requests);
        h.AssertTokenNeverLeaked(ex);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("")]
    public async Task GetCurrentRate_MalformedCurrency_ThrowsArgumentWithoutSending(string currency)
    {
        await using var h = await WiseHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetCurrentRateAsync(currency, "USD"));
        Assert.Empty(h.Server.Requests);
    }
}
