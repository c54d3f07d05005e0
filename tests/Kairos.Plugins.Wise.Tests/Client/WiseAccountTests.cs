using Kairos.Plugins.Wise.Client;
using Kairos.Plugins.Wise.Tests.Support;

namespace Kairos.Plugins.Wise.Tests.Client;

public sealed class WiseAccountTests
{
    private static bool Success(Kairos.Testing.Http.IndexedFixture f) => f.Case.StartsWith("success", StringComparison.Ordinal);

    [Fact]
    public async Task Profiles_ThenBalances_ParseTheRecordedAnswersExactly()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(Success);

        var profiles = await h.Client.GetProfilesAsync();
        var balances = await h.Client.GetBalancesAsync(profiles[0].Id);

        Assert.Equal([new WiseProfile(30000001, "PERSONAL", "Alex Sample"), new WiseProfile(30000002, "BUSINESS", "Sample Ltd")], profiles);
        Assert.Equal(2, balances.Count);
        var eur = balances[0];
        Assert.Equal(200001, eur.Id);
        Assert.Equal("EUR", eur.Currency);
        Assert.Equal("STANDARD", eur.Type);
        Assert.Equal(new WiseMoney(1520.37m, "EUR"), eur.CashAmount);
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 17, 45, 12, 345, TimeSpan.Zero), eur.ModificationTime);
        var usd = balances[1];
        Assert.Equal(245.1m, usd.Amount.Value);
        Assert.Equal(12.5m, usd.ReservedAmount?.Value);
        Assert.Equal(257.6m, usd.CashAmount?.Value);
        Assert.Equal("/v4/profiles/30000001/balances?types=STANDARD", h.Server.Requests[1].PathAndQuery);
        Assert.All(h.Server.Requests, r => Assert.Equal("Bearer " + WiseHarness.Token, r.Header("Authorization")));
        h.AssertTokenNeverLeaked(profiles, balances);
    }

    [Fact]
    public async Task GetProfileIds_WithConfiguredProfile_DoesNotAsk()
    {
        await using var h = await WiseHarness.StartAsync(s => s with { ProfileId = 42 });

        Assert.Equal([42L], await h.Client.GetProfileIdsAsync());
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task GetProfileIds_WithoutConfiguredProfile_ListsEveryProfile()
    {
        await using var h = await WiseHarness.StartAsync();
        h.Load(Success);

        Assert.Equal([30000001L, 30000002L], await h.Client.GetProfileIdsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnyCall_WithoutToken_ThrowsConfigurationErrorWithoutSending(string? token)
    {
        await using var h = await WiseHarness.StartAsync(s => s with { ApiToken = token });

        var ex = await Assert.ThrowsAsync<WiseConfigurationException>(() => h.Client.GetBalancesAsync(WiseHarness.ProfileId));

        Assert.Contains("Plugins:wise:ApiToken", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public void Settings_ToString_HidesTheTokenAndTheKeyPath()
    {
        var settings = new WiseSettings { ApiToken = WiseHarness.Token, ScaPrivateKeyPath = "/secret/wise-key.pem", ProfileId = 7 };

        var text = settings.ToString();

        Assert.DoesNotContain(WiseHarness.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("wise-key.pem", text, StringComparison.Ordinal);
        Assert.Contains("ApiToken = ***", text, StringComparison.Ordinal);
        Assert.Contains("ProfileId = 7", text, StringComparison.Ordinal);
        Assert.DoesNotContain(WiseHarness.Token, $"{settings with { ProfileId = 8 }}", StringComparison.Ordinal);
    }
}
